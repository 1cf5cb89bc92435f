import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientQueries } from '../../main/patients/queries.node.ts';
import type { PatientFields } from '../../main/patients/rows.node.ts';
import { scheduleQueries } from '../../main/schedule/queries.node.ts';
import type { StatusAction } from '../../main/schedule/transitions.ts';
import { uuidv7 } from '../../main/store/ids.ts';
import { randomKey } from '../../main/keys/crypto.ts';
import { contentSeen, lostFoldedMarks, randomContentEdit, type ContentSeen } from './support/content-edits.ts';
import { seededRandom, startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { startS3rver, type LocalS3 } from './support/s3rver.ts';
import { openWorkstation, replicatedSnapshot, type TestWorkstation } from './support/sync-workstation.ts';

// SYNC_SEEDS=200 for a long soak; the default keeps the file near 20 s on an idle 2-core machine.
const SEEDS = Number(process.env.SYNC_SEEDS ?? 16);
const EDITS_PER_WORKSTATION = 20;
const FAULTS = { drop: 0.03, reset: 0.03, error500: 0.05, truncate: 0.03, delay: 0.06, maxDelayMs: 40 };

const NAMES = ['张伟', '王芳', '李娜', 'Anna Schmidt', '刘洋', '陈静'];
const ADDRESSES = ['北京市海淀区', '上海市浦东新区', '广州市天河区', null];
const ROOMS = ['Room 1', 'Room 2', 'CT'];
const PROVIDERS = ['Dr Zhou', 'Dr Wu'];
// Cancellations twice as often: they must meet concurrent check-ins on other desks.
const STATUS_ACTIONS: StatusAction[] = ['checkIn', 'checkOut', 'cancel', 'cancel', 'noShow'];

let s3: LocalS3;
let proxy: FaultProxy;
let dir: string;
/** Radiology reports are written in the reading room. */
let readingRoom: TestWorkstation | undefined;

beforeAll(async () => {
  s3 = await startS3rver();
  proxy = await startFaultProxy(s3.port, { seed: 7 });
  dir = await mkdtemp(join(tmpdir(), 'cw-sync-convergence-'));
});

afterAll(async () => {
  await proxy?.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function patientFields(random: Random): PatientFields {
  const identifier = random() < 0.5 ? { type: 'passport' as const, value: `E${1000 + Math.floor(random() * 4)}` } : null;
  return {
    fullName: pick(random, NAMES),
    familyName: null,
    givenName: null,
    sex: pick(random, ['female', 'male', 'unknown'] as const),
    birthDate: `19${50 + Math.floor(random() * 40)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    phones: random() < 0.7 ? [`1380013${String(Math.floor(random() * 10_000)).padStart(4, '0')}`] : [],
    identifier,
    address: pick(random, ADDRESSES),
    insurance: null,
    emergencyContact: null,
    allergies: pick(random, ['unknown', 'none', 'has'] as const),
    notes: random() < 0.3 ? `note ${Math.floor(random() * 100)}` : null,
  } as unknown as PatientFields;
}

const livePatients = (ws: TestWorkstation) => ws.db.prepare('SELECT id FROM patients WHERE merged_into IS NULL ORDER BY id', { pluck: true }).all() as string[];
const resourcesOf = (ws: TestWorkstation, kind: 'provider' | 'room') =>
  ws.db.prepare('SELECT id FROM schedule_resources WHERE kind = ? AND active = 1 ORDER BY id', { pluck: true }).all([kind]) as string[];
const appointmentsOf = (ws: TestWorkstation) => ws.db.prepare('SELECT id FROM appointments ORDER BY id', { pluck: true }).all() as string[];

/** One random edit through the product's own store queries; refusals (taken identifier, double booking, wrong status, a signed note) are part of the game. */
function randomEdit(ws: TestWorkstation, random: Random): void {
  const roll = random();
  try {
    if (random() < 0.45) {
      randomContentEdit(ws, random, ws === readingRoom);
    } else if (roll < 0.2) {
      ws.write((db) => patientQueries.register(db, patientFields(random), true, ws.audit('record.create')));
    } else if (roll < 0.42) {
      const id = pick(random, livePatients(ws));
      if (!id) return;
      const row = ws.db.prepare('SELECT updated_at FROM patients WHERE id = ?').get<{ updated_at: number }>([id])!;
      const current = ws.write((db) => patientQueries.get(db, id, ws.audit('record.read')))!;
      const next = patientFields(random);
      // Same fields on several desks: names and addresses collide most.
      const fields = { ...current, ...(random() < 0.5 ? { address: next.address } : { fullName: next.fullName, phones: next.phones, notes: next.notes }) } as unknown as PatientFields;
      ws.write((db) => patientQueries.update(db, id, fields, row.updated_at, ws.audit('record.update')));
    } else if (roll < 0.5) {
      const live = livePatients(ws);
      if (live.length < 2) return;
      const survivor = pick(random, live);
      const duplicate = pick(random, live.filter((id) => id !== survivor));
      ws.write((db) => patientQueries.merge(db, survivor, duplicate, ws.audit('record.merge')));
    } else if (roll < 0.58) {
      const kind = random() < 0.5 ? 'provider' : 'room';
      ws.write((db) => scheduleQueries.createResource(db, { id: uuidv7(), kind, name: pick(random, kind === 'provider' ? PROVIDERS : ROOMS), userId: null, active: true }, ws.audit('schedule.resource')));
    } else if (roll < 0.62) {
      const id = pick(random, [...resourcesOf(ws, 'room'), ...resourcesOf(ws, 'provider')]);
      if (!id) return;
      const row = ws.db.prepare('SELECT kind, name, active FROM schedule_resources WHERE id = ?').get<{ kind: 'provider' | 'room'; name: string; active: number }>([id])!;
      ws.write((db) => scheduleQueries.updateResource(db, { id, kind: row.kind, name: `${row.name}${random() < 0.5 ? '' : ' east'}`, userId: null, active: random() < 0.8 }, ws.audit('schedule.resource')));
    } else if (roll < 0.8) {
      const patientId = pick(random, livePatients(ws));
      const providerId = pick(random, resourcesOf(ws, 'provider'));
      if (!patientId || !providerId) return;
      const roomId = random() < 0.5 ? (pick(random, resourcesOf(ws, 'room')) ?? null) : null;
      const start = Date.UTC(2030, 0, 1) + Math.floor(random() * 500) * 30 * 60_000;
      ws.write((db) => scheduleQueries.book(db, { id: uuidv7(), patientId, providerId, roomId, start, end: start + 20 * 60_000, reason: 'checkup' }, ws.audit('schedule.book')));
    } else if (roll < 0.9) {
      const id = pick(random, appointmentsOf(ws));
      if (!id) return;
      const action = pick(random, STATUS_ACTIONS);
      const at = ws.audit('schedule.status');
      // No-shows only once the slot has begun: these appointments are in 2030.
      ws.write((db) => scheduleQueries.setStatus(db, id, action, action === 'cancel' ? 'patient called' : null, action === 'noShow' ? { ...at, at: Date.UTC(2031, 0, 1) } : at));
    } else {
      const id = pick(random, appointmentsOf(ws));
      if (!id) return;
      const start = Date.UTC(2030, 0, 1) + Math.floor(random() * 500) * 30 * 60_000;
      ws.write((db) => scheduleQueries.reschedule(db, { id, start, end: start + 30 * 60_000 }, ws.audit('schedule.reschedule')));
    }
  } catch (error) {
    if ((error as { name?: string }).name !== 'StoreError' && !(error as { code?: string }).code) throw error;
  }
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('sync convergence', () => {
  it(`three partitioned workstations converge field by field (${SEEDS} seeds, faults injected)`, async () => {
    // What the seeds exercised, so a generator that stopped producing conflicts fails the test.
    const seen = { merged: 0, mrnConflicts: 0, cancelled: 0, resourceNameConflicts: 0 };
    const content: ContentSeen = { signedEncounters: 0, addenda: 0, discarded: 0, documents: 0, instances: 0, linked: 0, signedReports: 0, annotations: 0, foldedCopies: 0, marksOnFoldedCopies: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = seededRandom(seed * 7919);
      const clinicKey = randomKey();
      const prefix = `seed-${seed}/`;
      const spec = (name: string) => ({ dir, name: `${seed}-${name}`, clinicKey, endpoint: proxy.endpoint, bucket: s3.bucket, prefix });
      const workstations = ['front-desk', 'consulting', 'reading'].map((name) => openWorkstation(spec(name)));
      readingRoom = workstations[2];
      try {
        const [first] = workstations;
        proxy.setFaults({ drop: 0, reset: 0, error500: 0, truncate: 0, delay: 0 });
        // A shared starting point: a few records everyone has.
        for (let i = 0; i < 8; i++) randomEdit(first!, random);
        for (const ws of workstations) await ws.sync();

        proxy.setFaults(FAULTS);
        // Partitioned: everyone edits offline, including the same records.
        for (let i = 0; i < EDITS_PER_WORKSTATION; i++) for (const ws of shuffled(random, workstations)) randomEdit(ws, random);
        // Partial reconnection: some sync while others keep editing.
        for (const ws of shuffled(random, workstations).slice(0, 2)) {
          await ws.sync();
          randomEdit(pick(random, workstations), random);
        }
        // Everyone syncs, in random orders, until every change has gone round.
        for (let pass = 0; pass < 2; pass++) for (const ws of shuffled(random, workstations)) await ws.sync();

        const snapshots = workstations.map((ws) => replicatedSnapshot(ws.db));
        expect(snapshots[0]!.pending, `seed ${seed}: nothing left waiting`).toEqual([]);
        expect(snapshots[0]!.patients.length, `seed ${seed}: patients replicated`).toBeGreaterThan(0);
        expect(snapshots[1], `seed ${seed}`).toEqual(snapshots[0]);
        expect(snapshots[2], `seed ${seed}`).toEqual(snapshots[0]);
        expect(lostFoldedMarks(snapshots[0]!), `seed ${seed}: marks on a study imported twice show on the one study`).toEqual([]);
        const mrns = snapshots[0]!.patients.map((row) => (row as { mrn: string }).mrn);
        expect(new Set(mrns).size, `seed ${seed}: MRNs unique`).toBe(mrns.length);
        const patients = snapshots[0]!.patients as { mrn: string; merged_into: string | null }[];
        seen.merged += patients.filter((row) => row.merged_into !== null).length;
        seen.mrnConflicts += patients.filter((row) => row.mrn.includes('-')).length;
        seen.cancelled += (snapshots[0]!.appointments as { status: string }[]).filter((row) => row.status === 'cancelled').length;
        seen.resourceNameConflicts += (snapshots[0]!.resources as { name: string }[]).filter((row) => row.name.includes(' #')).length;
        for (const [what, count] of Object.entries(contentSeen(snapshots[0]!))) content[what as keyof ContentSeen] += count;
      } finally {
        for (const ws of workstations) ws.close();
      }
    }
    expect(Object.values(seen).every((count) => count > 0), JSON.stringify(seen)).toBe(true);
    expect(Object.values(content).every((count) => count > 0), JSON.stringify(content)).toBe(true);
    expect(proxy.injected.error500 + proxy.injected.reset + proxy.injected.drop + proxy.injected.truncate).toBeGreaterThan(10);
    // Generous for a machine shared with other work; about 20 s when idle.
  }, 300_000);

  it('the bucket holds no plaintext patient data', async () => {
    const files = await listFiles(s3.directory);
    expect(files.length).toBeGreaterThan(0);
    const needles = [...NAMES, ...ADDRESSES.filter((value): value is string => value !== null), 'E1000', '1380013', 'MRN0000', 'patient', 'fullName'].map((text) => Buffer.from(text, 'utf8'));
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) expect(bytes.includes(needle), `${needle.toString()} in ${file}`).toBe(false);
    }
  });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
