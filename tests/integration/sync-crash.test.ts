import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../main/files/blob-store.node.ts';
import { ensureFileKey } from '../../main/files/file-key.node.ts';
import { imagingQueries } from '../../main/imaging/queries.node.ts';
import { randomKey } from '../../main/keys/crypto.ts';
import { patientQueries } from '../../main/patients/queries.node.ts';
import type { PatientFields } from '../../main/patients/rows.node.ts';
import { changeObjectName, decodeBatch } from '../../main/sync/batch.ts';
import { blobObjectName } from '../../main/sync/blob-upload.node.ts';
import { SYNC_WORKER_URL } from '../../main/sync/worker-entry.ts';
import type { WorkerCommand, WorkerEvent } from '../../main/sync/worker-protocol.ts';
import { seededRandom, startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { startS3rver, type LocalS3 } from './support/s3rver.ts';
import { openWorkstation, replicatedSnapshot, type TestWorkstation } from './support/sync-workstation.ts';

const KILLS_PER_PHASE = 10;
const BATCH = 8;
/** Rounds per phase that may end before their kill; past that the test says so instead of running into its timeout. */
const MAX_RAN_THROUGH = 12;

/**
 * How much to add after a round that ended before its kill, for a phase: twice as much each time (up to `most`), so the work left
 * after the kill point (at most four objects and 60 ms in) outlasts the kill however fast the machine is. A pull
 * applies the objects that have arrived together and reports them after the commit, so on a fast machine twenty
 * objects can all be done within those 60 ms.
 */
function topUps(phase: string, first: number, most: number): () => number {
  let count = 0;
  return () => {
    if (++count > MAX_RAN_THROUGH) throw new Error(`${phase}: ${MAX_RAN_THROUGH} rounds ended before their kill, the last ${lastEnding}`);
    return Math.min(first * 2 ** (count - 1), most);
  };
}
/**
 * An image of IMAGE_PARTS parts is a multipart upload a kill can cut between parts. s3rver does not enforce S3's
 * 5 MiB minimum part, so 1 MiB parts give the same cuts for a fifth of the bytes.
 */
const PART = 1024 * 1024;
const IMAGE_PARTS = 4;
const IMAGES = 6;

let s3: LocalS3;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  s3 = await startS3rver();
  // Slow requests now and then, so kills land while requests are in flight.
  proxy = await startFaultProxy(s3.port, { seed: 3, faults: { delay: 0.3, maxDelayMs: 60, error500: 0.02 } });
  dir = await mkdtemp(join(tmpdir(), 'cw-sync-crash-'));
});

afterAll(async () => {
  await proxy?.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

interface RunningWorker {
  child: ChildProcess;
  events: WorkerEvent[];
  exited: Promise<void>;
  /** Resolves once `done` holds; rejects, naming `what`, if the process ends first. */
  until(done: () => boolean, what: string): Promise<void>;
}

/** The real worker module, forked as a child process so it can be SIGKILLed. */
function startWorker(ws: TestWorkstation, blobRoot?: string): RunningWorker {
  const child = fork(SYNC_WORKER_URL, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  const events: WorkerEvent[] = [];
  // A message to a child killed a moment ago fails with EPIPE: expected here.
  child.on('error', () => {});
  let gone = false;
  const waiting = new Set<() => void>();
  const check = () => waiting.forEach((wake) => wake());
  child.on('message', (event) => {
    events.push(event as WorkerEvent);
    check();
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      check();
      resolve();
    }),
  );
  // Event-driven rather than polled: on a busy machine a polling loop only adds to the load it waits out.
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const wake = () => {
        if (done()) resolve();
        else if (gone) reject(new Error(`the sync worker exited before ${what}; its events: ${events.map((event) => event.type).join(', ')}`));
        else return;
        waiting.delete(wake);
      };
      waiting.add(wake);
      wake();
    });
  const open: WorkerCommand = {
    type: 'open',
    dbPath: ws.path,
    dbKey: ws.dbKey,
    blobRoot,
    settings: { intervalMs: 3_600_000, bandwidthBytesPerSecond: null, window: null, batchChanges: BATCH, blobPartSize: PART },
  };
  child.send(open);
  child.send({ type: 'syncNow', requestId: 1 } satisfies WorkerCommand);
  return { child, events, exited, until };
}

const ended = (worker: RunningWorker) => () => worker.events.some((event) => event.type === 'round' || event.type === 'fatal');

/** How the last round that ended before its kill ended, for the message if too many do. */
let lastEnding = '';

function ending(events: readonly WorkerEvent[], moved: number): string {
  const fatal = events.find((event): event is WorkerEvent & { type: 'fatal' } => event.type === 'fatal');
  if (fatal) return `with a fatal error: ${fatal.message}`;
  const round = events.find((event): event is WorkerEvent & { type: 'round' } => event.type === 'round');
  const error = round?.reports.find((report) => report.error)?.error;
  if (error) return `with ${error.code} (${error.message}) after ${moved} objects`;
  const block = round?.reports.flatMap((report) => report.blocked)[0];
  return block ? `with changes stuck at object ${block.object} (${block.reason}) after ${moved} objects` : `after moving ${moved} objects`;
}

/** Kills that landed after the worker had moved at least one object, i.e. mid-round rather than at start-up. */
let midRoundKills = 0;

/** Parts of image files sent, over every run: a resumed upload sends only what it lacked. */
let partsSent = 0;

/** Starts the worker, lets it transfer for a random while, and kills it ('finished' if a round completed first). */
async function runAndKill(ws: TestWorkstation, random: () => number, blobRoot?: string): Promise<'killed' | 'finished'> {
  const worker = startWorker(ws, blobRoot);
  // From the moment its store is open: start-up time is not what this test is about.
  await worker.until(() => worker.events.some((event) => event.type === 'ready' || event.type === 'fatal'), 'opening its store');
  // After 1–4 objects, at a random moment of the next request or transaction.
  const objects = 1 + Math.floor(random() * 4);
  // Uploading images, a kill lands between the parts of a file.
  const moved = () => worker.events.filter((event) => event.type === (blobRoot ? 'blobPart' : 'transfer')).length;
  const over = ended(worker);
  await worker.until(() => moved() >= objects || over(), 'moving an object');
  await new Promise((resolve) => setTimeout(resolve, random() * 60));
  const finished = over();
  worker.child.kill('SIGKILL');
  if (finished) lastEnding = ending(worker.events, moved());
  if (!finished && moved() > 0) midRoundKills++;
  await worker.exited;
  partsSent += worker.events.filter((event) => event.type === 'blobPart').length;
  return finished ? 'finished' : 'killed';
}

async function runToEnd(ws: TestWorkstation, blobRoot?: string): Promise<WorkerEvent & { type: 'round' }> {
  const worker = startWorker(ws, blobRoot);
  await worker.until(ended(worker), 'ending its round');
  worker.child.kill('SIGKILL');
  await worker.exited;
  partsSent += worker.events.filter((event) => event.type === 'blobPart').length;
  const fatal = worker.events.find((event): event is WorkerEvent & { type: 'fatal' } => event.type === 'fatal');
  if (fatal) throw new Error(`the sync worker failed: ${fatal.message}`);
  return worker.events.find((event) => event.type === 'round') as WorkerEvent & { type: 'round' };
}

function patient(random: () => number, i: number): PatientFields {
  return {
    fullName: `测试${i}`,
    familyName: null,
    givenName: null,
    sex: 'female',
    birthDate: '1980-01-01',
    phones: [`139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`],
    identifier: null,
    address: null,
    insurance: null,
    emergencyContact: null,
    allergies: 'unknown',
    notes: null,
  } as unknown as PatientFields;
}

describe('sync worker crashes', () => {
  it(`resumes after SIGKILL during push, pull and image upload (${3 * KILLS_PER_PHASE}+ kills): no lost change, no duplicate object or row`, async () => {
    const random = seededRandom(42);
    const clinicKey = randomKey();
    const spec = (name: string) => ({ dir, name, clinicKey, endpoint: proxy.endpoint, bucket: s3.bucket, prefix: 'crash/' });
    const a = openWorkstation(spec('a'));
    const b = openWorkstation(spec('b'));
    let next = 0;
    const edit = (count: number) => {
      for (let i = 0; i < count; i++) a.write((db) => patientQueries.register(db, patient(random, next++), true, a.audit('record.create')));
    };
    try {
      edit(300);
      let kills = 0;
      const pushTopUp = topUps('push', 20 * BATCH, 640 * BATCH);
      // Push: killed at random points, while this process keeps writing to the same database.
      while (kills < KILLS_PER_PHASE) {
        const killing = runAndKill(a, random);
        edit(3);
        if ((await killing) === 'killed') kills++;
        else edit(pushTopUp());
      }
      expect((await runToEnd(a)).reports[0]!.error).toBeNull();

      // Pull: killed at random points in fetching and applying.
      let pullKills = 0;
      const pullTopUp = topUps('pull', 20 * BATCH, 640 * BATCH);
      while (pullKills < KILLS_PER_PHASE) {
        if ((await runAndKill(b, random)) === 'killed') {
          pullKills++;
        } else {
          // Pulled everything before the kill: give it more to pull.
          edit(pullTopUp());
          expect((await runToEnd(a)).reports[0]!.error).toBeNull();
        }
      }
      const last = await runToEnd(b);
      expect(last.reports[0]!.error).toBeNull();
      expect(last.reports[0]!.blocked).toEqual([]);
      expect(midRoundKills).toBeGreaterThanOrEqual(KILLS_PER_PHASE);

      // Image upload: files of several parts, killed between and during parts.
      const fileKey = randomKey();
      a.write((db) => ensureFileKey(db, fileKey));
      const blobRoot = join(dir, 'a-files');
      const files = new BlobStore({ root: blobRoot, fileKey });
      const images: { hash: string; plaintext: Buffer }[] = [];
      const addImage = async () => {
        const plaintext = randomBytes(PART * (IMAGE_PARTS - 1) + 1 + Math.floor(random() * PART));
        const blob = await files.put(plaintext);
        const uid = `2.25.4242.${images.length + 1}`;
        a.write((db) =>
          imagingQueries.indexInstance(
            db,
            {
              patient: { name: 'WANG^FANG', patientId: 'P42', issuer: '', birthDate: null, sex: 'female', otherIds: [] },
              study: { uid: `${uid}.1`, date: null, time: null, accession: '', description: 'MR KNEE', referring: '' },
              series: { uid: `${uid}.2`, modality: 'MR', number: 1, description: '', bodyPart: 'KNEE' },
              instance: {
                sopInstanceUid: `${uid}.3`,
                sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
                transferSyntaxUid: '1.2.840.10008.1.2.1',
                frames: 1,
                rows: 256,
                columns: 256,
                instanceNumber: 1,
                slicePosition: null,
              },
            },
            blob,
            a.audit('imaging.import'),
          ),
        );
        images.push({ hash: blob.hash, plaintext });
      };
      for (let i = 0; i < IMAGES; i++) await addImage();
      midRoundKills = 0;
      partsSent = 0;
      let imageKills = 0;
      const uploadTopUp = topUps('image upload', 2, 8);
      while (imageKills < KILLS_PER_PHASE) {
        if ((await runAndKill(a, random, blobRoot)) === 'killed') imageKills++;
        // Everything went up before the kill: more images to send.
        else for (let i = uploadTopUp(); i > 0; i--) await addImage();
      }
      expect((await runToEnd(a, blobRoot)).reports[0]!.error).toBeNull();
      expect(midRoundKills).toBeGreaterThanOrEqual(KILLS_PER_PHASE / 2);
      expect(kills + pullKills + imageKills).toBeGreaterThanOrEqual(3 * KILLS_PER_PHASE);
      // Resumed, not restarted: beyond the files' parts, only parts in flight at a kill (at most 4 at a time) go twice.
      // (A part whose report was lost with the process is not counted: the bound only gets tighter.)
      const parts = images.reduce((sum, image) => sum + Math.ceil(image.plaintext.length / PART), 0);
      expect(partsSent).toBeLessThanOrEqual(parts + imageKills * 4);
      expect(a.db.prepare('SELECT count(*) FROM sync_blob_uploads', { pluck: true }).get()).toBe(0);
      expect((await runToEnd(b)).reports[0]!.error).toBeNull();

      const left = replicatedSnapshot(a.db);
      const right = replicatedSnapshot(b.db);
      expect(right.pending).toEqual([]);
      expect(right).toEqual(left);
      expect(left.patients.length).toBe(next);

      // Every change in exactly one object, objects numbered without gaps.
      const target = s3.target('crash/');
      const names = (await target.list(`changes/${a.id}/`)).sort();
      expect(names).toEqual(names.map((_, i) => changeObjectName(a.id, i + 1)));
      const hlcs: string[] = [];
      for (let object = 1; object <= names.length; object++) hlcs.push(...decodeBatch(clinicKey, a.id, object, (await target.get(changeObjectName(a.id, object)))!).changes.map((change) => change.hlc));
      const outbox = a.db.prepare('SELECT hlc FROM outbox ORDER BY seq', { pluck: true }).all() as string[];
      expect(hlcs).toEqual(outbox);
      const applied = b.db.prepare('SELECT next_object, changes_applied FROM sync_cursors WHERE workstation_id = ?').get<{ next_object: number; changes_applied: number }>([a.id])!;
      expect(applied).toEqual({ next_object: names.length + 1, changes_applied: outbox.length });

      // Every image once in the bucket, exactly the file the store keeps (whose name is its keyed hash), and it opens elsewhere.
      const blobNames = (await target.list('blobs/')).sort();
      expect(blobNames).toEqual(images.map((image) => blobObjectName(image.hash)).sort());
      for (const image of images) expect((await target.get(blobObjectName(image.hash)))!.equals(await readFile(files.encryptedPath(image.hash)))).toBe(true);
      const reader = new BlobStore({ root: join(dir, 'b-files'), fileKey });
      await reader.putEncrypted(images[0]!.hash, (await target.get(blobObjectName(images[0]!.hash)))!);
      expect(Buffer.from(await reader.read(images[0]!.hash)).equals(images[0]!.plaintext)).toBe(true);
      target.destroy();
    } finally {
      a.close();
      b.close();
    }
    // Each kill restarts a Node process that loads the AWS SDK: seconds apiece when the machine is busy. The test takes
    // about half a minute here; the timeout leaves room for a slower machine.
  }, 600_000);
});
