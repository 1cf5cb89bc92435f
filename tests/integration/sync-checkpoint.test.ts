import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomKey } from '../../main/keys/crypto.ts';
import { scheduleQueries } from '../../main/schedule/queries.node.ts';
import { uuidv7 } from '../../main/store/ids.ts';
import { changeObjectName, sealObject } from '../../main/sync/batch.ts';
import { syncQueries } from '../../main/sync/queries.node.ts';
import { syncRound } from '../../main/sync/replicator.node.ts';
import type { S3Target } from '../../main/sync/s3-target.ts';
import { saveTarget } from '../../main/sync/targets.node.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from './support/s3rver.ts';
import { openWorkstation, TARGET_ID, TEST_RETRY, type TestWorkstation } from './support/sync-workstation.ts';

let s3: LocalS3;
let dir: string;
const open: TestWorkstation[] = [];

beforeAll(async () => {
  s3 = await startS3rver();
  dir = await mkdtemp(join(tmpdir(), 'cw-sync-checkpoint-'));
});

afterAll(async () => {
  for (const ws of open) ws.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

function workstation(name: string, clinicKey: Uint8Array, prefix: string, existing?: { path: string; dbKey: Buffer }): TestWorkstation {
  const ws = openWorkstation({ dir, name, clinicKey, endpoint: s3.endpoint, bucket: s3.bucket, prefix }, existing);
  open.push(ws);
  return ws;
}

function close(ws: TestWorkstation): void {
  open.splice(open.indexOf(ws), 1);
  ws.close();
}

function addRoom(ws: TestWorkstation, name: string): void {
  ws.write((db) => scheduleQueries.createResource(db, { id: uuidv7(), kind: 'room', name, userId: null, active: true }, ws.audit('schedule.resource')));
}

/** Flips the last bit of an object in the bucket (its tag then fails); returns the object as it was. */
async function alter(target: S3Target, name: string): Promise<Uint8Array> {
  const kept = (await target.get(name))!;
  const altered = Buffer.from(kept);
  altered[altered.length - 1]! ^= 1;
  await target.put(name, altered);
  return kept;
}

const rooms = (ws: TestWorkstation) => (ws.db.prepare('SELECT name FROM schedule_resources ORDER BY name', { pluck: true }).all() as string[]);

describe('push checkpoints that disagree with the bucket', () => {
  it('a store restored from a backup pushes its new changes after the objects it wrote before, so none is lost', async () => {
    const clinicKey = randomKey();
    const a = workstation('restored', clinicKey, 'restore/');
    addRoom(a, 'Room 1');
    expect((await a.sync()).pushed.objects).toBe(1);
    close(a);
    const backup = join(dir, 'backup.db');
    await copyFile(a.path, backup);

    // After the backup: a change that reaches the bucket as object 2, then the PC is restored from the backup.
    const later = workstation('restored', clinicKey, 'restore/', { path: a.path, dbKey: a.dbKey });
    addRoom(later, 'Room 2');
    await later.sync();
    close(later);
    await copyFile(backup, a.path);

    const restored = workstation('restored', clinicKey, 'restore/', { path: a.path, dbKey: a.dbKey });
    addRoom(restored, 'Room 3');
    const pushed = await restored.sync();
    expect(pushed.pushed.objects).toBe(1);

    const reader = workstation('reader', clinicKey, 'restore/');
    await reader.sync();
    expect(rooms(reader)).toEqual(['Room 1', 'Room 2', 'Room 3']);
  });

  it('a target moved to another bucket folder starts over there, so a workstation reading it misses nothing', async () => {
    const clinicKey = randomKey();
    const a = workstation('mover', clinicKey, 'before/');
    addRoom(a, 'Room A');
    addRoom(a, 'Room B');
    await a.sync();
    const config = { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'after/', forcePathStyle: true };
    a.write((db) => saveTarget(db, { id: TARGET_ID, name: 'Moved bucket', config, credentials: S3RVER_CREDENTIALS }, Date.now()));
    addRoom(a, 'Room C');
    await a.sync();

    const reader = workstation('after-reader', clinicKey, 'after/');
    await reader.sync();
    expect(rooms(reader)).toEqual(['Room A', 'Room B', 'Room C']);
  });
});

describe('change objects the bucket lost or cannot give back whole', () => {
  const blockOf = (ws: TestWorkstation, id: string) => syncQueries.overview(ws.db).workstations.find((row) => row.id === id)?.blocked;

  /** A desk that pushed three objects, one room each. */
  async function threeObjects(name: string, clinicKey: Uint8Array, prefix: string): Promise<TestWorkstation> {
    const ws = workstation(name, clinicKey, prefix);
    for (const room of ['Room 1', 'Room 2', 'Room 3']) {
      addRoom(ws, room);
      expect((await ws.sync()).pushed.objects).toBe(1);
    }
    return ws;
  }

  it('an object missing while later ones are there stops that workstation’s changes, says where, and they apply once it is back', async () => {
    const clinicKey = randomKey();
    const a = await threeObjects('gap-writer', clinicKey, 'gap/');
    const target = s3.target('gap/');
    const second = changeObjectName(a.id, 2);
    const kept = (await target.get(second))!;
    await target.delete(second);

    const reader = workstation('gap-reader', clinicKey, 'gap/');
    const round = await reader.sync();
    expect(round.blocked).toEqual([{ workstation: a.id, object: 2, reason: 'missing' }]);
    expect(rooms(reader)).toEqual(['Room 1']);
    expect(blockOf(reader, a.id)).toEqual({ object: 2, reason: 'missing' });

    await target.put(second, kept);
    expect((await reader.sync()).blocked).toEqual([]);
    expect(rooms(reader)).toEqual(['Room 1', 'Room 2', 'Room 3']);
    expect(blockOf(reader, a.id)).toBeNull();
    target.destroy();
  });

  it('a first object expired from the bucket is named too, and the usual end of a folder is not a gap', async () => {
    const clinicKey = randomKey();
    const a = await threeObjects('expired-writer', clinicKey, 'expired/');
    const reader = workstation('expired-reader', clinicKey, 'expired/');
    expect((await reader.sync()).blocked).toEqual([]);
    expect(blockOf(reader, a.id)).toBeNull();

    const target = s3.target('expired/');
    await target.delete(changeObjectName(a.id, 1));
    const late = workstation('expired-late', clinicKey, 'expired/');
    expect((await late.sync()).blocked).toEqual([{ workstation: a.id, object: 1, reason: 'missing' }]);
    expect(rooms(late)).toEqual([]);
    target.destroy();
  });

  it('a gap with a damaged object after it is named without waiting through that object’s retries', async () => {
    const clinicKey = randomKey();
    const a = await threeObjects('gap-damaged-writer', clinicKey, 'gap-damaged/');
    const target = s3.target('gap-damaged/');
    await target.delete(changeObjectName(a.id, 1));
    await alter(target, changeObjectName(a.id, 2));

    // Backoff waits of up to ten minutes: the round ends within the test's time only if the folder's end stops them.
    const reader = workstation('gap-damaged-reader', clinicKey, 'gap-damaged/');
    const round = await syncRound(reader.db, TARGET_ID, { retry: { attempts: 4, baseMs: 600_000, capMs: 600_000 } });
    expect(round.blocked).toEqual([{ workstation: a.id, object: 1, reason: 'missing' }]);
    expect(rooms(reader)).toEqual([]);
    target.destroy();
  });

  it('an object that cannot be opened stops that workstation’s changes only, and the others still apply', async () => {
    const clinicKey = randomKey();
    const a = await threeObjects('altered-writer', clinicKey, 'altered/');
    const other = workstation('altered-other', clinicKey, 'altered/');
    addRoom(other, 'Room 9');
    await other.sync();
    const target = s3.target('altered/');
    const second = changeObjectName(a.id, 2);
    const kept = await alter(target, second);

    const reader = workstation('altered-reader', clinicKey, 'altered/');
    expect((await reader.sync()).blocked).toEqual([{ workstation: a.id, object: 2, reason: 'unreadable' }]);
    expect(rooms(reader)).toEqual(['Room 1', 'Room 9']);
    expect(blockOf(reader, a.id)).toEqual({ object: 2, reason: 'unreadable' });

    await target.put(second, kept);
    expect((await reader.sync()).blocked).toEqual([]);
    expect(rooms(reader)).toEqual(['Room 1', 'Room 2', 'Room 3', 'Room 9']);
    target.destroy();
  });

  it('an object of a later format (a workstation already updated) stops there, without retrying it, until it can be read', async () => {
    const clinicKey = randomKey();
    const a = await threeObjects('newer-writer', clinicKey, 'newer/');
    const target = s3.target('newer/');
    const second = changeObjectName(a.id, 2);
    const kept = (await target.get(second))!;
    await target.put(second, sealObject(clinicKey, second, Buffer.from(JSON.stringify({ version: 2, workstation: a.id, object: 2, changes: [], parts: [] }))));

    const reader = workstation('newer-reader', clinicKey, 'newer/');
    const retried: unknown[] = [];
    const round = await syncRound(reader.db, TARGET_ID, { retry: { ...TEST_RETRY, onRetry: (_attempt, error) => retried.push(error) } });
    expect(round.blocked).toEqual([{ workstation: a.id, object: 2, reason: 'newer' }]);
    expect(retried).toEqual([]);
    expect(rooms(reader)).toEqual(['Room 1']);

    await target.put(second, kept);
    expect((await reader.sync()).blocked).toEqual([]);
    expect(rooms(reader)).toEqual(['Room 1', 'Room 2', 'Room 3']);
    target.destroy();
  });
});
