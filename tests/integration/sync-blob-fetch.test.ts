import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../main/files/blob-store.node.ts';
import type { Files } from '../../main/files/files.ts';
import type { Vault } from '../../main/accounts/vault.ts';
import { ensureFileKey } from '../../main/files/file-key.node.ts';
import { instanceMediaRoute } from '../../main/imaging/media-route.ts';
import { imagingQueries } from '../../main/imaging/queries.node.ts';
import type { InstanceMetadata } from '../../main/imaging/import/metadata.ts';
import { randomKey } from '../../main/keys/crypto.ts';
import type { Session } from '../../main/platform/sessions.ts';
import { fetchOnDemand } from '../../main/sync/blob-fetch.node.ts';
import { blobObjectName } from '../../main/sync/blob-upload.node.ts';
import { syncRound } from '../../main/sync/replicator.node.ts';
import { SYNC_WORKER_URL } from '../../main/sync/worker-entry.ts';
import type { WorkerCommand, WorkerEvent } from '../../main/sync/worker-protocol.ts';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { startS3rver, type LocalS3 } from './support/s3rver.ts';
import { openWorkstation, TARGET_ID, TEST_RETRY, type TestWorkstation } from './support/sync-workstation.ts';

let s3: LocalS3;
let proxy: FaultProxy;
let dir: string;
const fileKey = randomKey();
const clinicKey = randomKey();

beforeAll(async () => {
  s3 = await startS3rver();
  proxy = await startFaultProxy(s3.port, { seed: 5, faults: { error500: 0.05, reset: 0.03, truncate: 0.03, delay: 0.1, maxDelayMs: 20 } });
  dir = await mkdtemp(join(tmpdir(), 'cw-sync-blob-fetch-'));
});

afterAll(async () => {
  await proxy?.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A clinic member with the clinic's file key and its own file store. */
function member(name: string, prefix: string): { ws: TestWorkstation; blobs: BlobStore } {
  const ws = openWorkstation({ dir, name, clinicKey, endpoint: proxy.endpoint, bucket: s3.bucket, prefix });
  ws.write((db) => ensureFileKey(db, fileKey));
  return { ws, blobs: new BlobStore({ root: join(dir, `${name}-files`), fileKey }) };
}

let uid = 0;
function metadata(): InstanceMetadata {
  const next = () => `2.25.99.${++uid}`;
  return {
    patient: { name: 'LI^LEI', patientId: 'P1', issuer: '', birthDate: null, sex: 'male', otherIds: [] },
    study: { uid: next(), date: null, time: null, accession: '', description: 'CR CHEST', referring: '' },
    series: { uid: next(), modality: 'CR', number: 1, description: '', bodyPart: 'CHEST' },
    instance: { sopInstanceUid: next(), sopClassUid: '1.2.840.10008.5.1.4.1.1.1', transferSyntaxUid: '1.2.840.10008.1.2.1', frames: 1, rows: 64, columns: 64, instanceNumber: 1, slicePosition: null },
  };
}

/** Imports one "image" on `from` and pushes it with its file; returns the instance id and the plaintext. */
async function importAndPush(from: { ws: TestWorkstation; blobs: BlobStore }, size = 300_000): Promise<{ instanceId: string; hash: string; plaintext: Buffer }> {
  const plaintext = randomBytes(size);
  const blob = await from.blobs.put(plaintext);
  from.ws.write((db) => imagingQueries.indexInstance(db, metadata(), blob, from.ws.audit('imaging.import')));
  const instanceId = from.ws.db.prepare('SELECT id FROM imaging_instances WHERE blob_hash = ?', { pluck: true }).get([blob.hash]) as string;
  await syncRound(from.ws.db, TARGET_ID, { retry: TEST_RETRY, blobPath: (hash) => from.blobs.encryptedPath(hash) });
  return { instanceId, hash: blob.hash, plaintext };
}

const wanted = (ws: TestWorkstation) => ws.db.prepare('SELECT hash FROM sync_blob_wanted ORDER BY hash', { pluck: true }).all() as string[];

async function readAll(body: { size: number; read(start: number, end: number): AsyncIterable<Uint8Array> }): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of body.read(0, body.size)) parts.push(part);
  return Buffer.concat(parts);
}

describe('image files on other workstations', () => {
  it('arrive as index rows at once; the file comes from the bucket on first open through the media route', async () => {
    const source = member('fetch-source', 'on-open/');
    const reader = member('fetch-reader', 'on-open/');
    try {
      const { instanceId, hash, plaintext } = await importAndPush(source);
      await syncRound(reader.ws.db, TARGET_ID, { retry: TEST_RETRY, blobs: reader.blobs, eagerBlobs: false });
      expect(reader.ws.db.prepare('SELECT blob_hash FROM imaging_instances WHERE id = ?', { pluck: true }).get([instanceId])).toBe(hash);
      expect(await reader.blobs.has(hash)).toBe(false);
      expect(wanted(reader.ws)).toEqual([hash]);

      const fetched: string[] = [];
      const route = instanceMediaRoute({
        vault: { store: { methods: { imaging: { instanceBlob: async (id: string) => imagingQueries.instanceBlob(reader.ws.db, id) } } } } as unknown as Vault,
        files: {
          blobs: async () => reader.blobs,
          // As Files.ensure does, with the worker's fetch run here.
          ensure: async (wantedHash: string) =>
            (await reader.blobs.has(wantedHash)) || (fetched.push(wantedHash), fetchOnDemand(reader.ws.db, reader.blobs, wantedHash, TEST_RETRY)),
        } as unknown as Files,
      });
      const body = await route.find(instanceId, {} as Session);
      expect(fetched).toEqual([hash]);
      expect(body?.size).toBe(plaintext.length);
      expect((await readAll(body!)).equals(plaintext)).toBe(true);
      expect(wanted(reader.ws)).toEqual([]);
      // Opened again: served from the file store, nothing fetched.
      await route.find(instanceId, {} as Session);
      expect(fetched).toHaveLength(1);
    } finally {
      source.ws.close();
      reader.ws.close();
    }
  });

  it('with eager fetching, the files are here after the round that brought their rows', async () => {
    const source = member('eager-source', 'eager/');
    const reader = member('eager-reader', 'eager/');
    try {
      const first = await importAndPush(source);
      const second = await importAndPush(source, 9_000_000);
      // The bandwidth limit sees every downloaded file.
      const throttled: number[] = [];
      const throttle = async (bytes: number) => void throttled.push(bytes);
      const round = await syncRound(reader.ws.db, TARGET_ID, { retry: TEST_RETRY, blobs: reader.blobs, eagerBlobs: true, throttle });
      expect(round.fetched.fetched).toBe(2);
      expect(throttled.filter((bytes) => bytes >= 300_000).reduce((sum, bytes) => sum + bytes, 0)).toBe(round.fetched.bytes);
      for (const { hash, plaintext } of [first, second]) expect(Buffer.from(await reader.blobs.read(hash)).equals(plaintext)).toBe(true);
      expect(wanted(reader.ws)).toEqual([]);
    } finally {
      source.ws.close();
      reader.ws.close();
    }
  });

  it('refuses an object that is not the file its name says, and a file no target has', async () => {
    const source = member('forged-source', 'forged/');
    const reader = member('forged-reader', 'forged/');
    const target = s3.target('forged/');
    try {
      const real = await importAndPush(source);
      const other = await source.blobs.put(randomBytes(1000));
      // Someone with bucket access swaps the object: a valid file of the clinic, but another one.
      await target.put(blobObjectName(real.hash), await readFile(source.blobs.encryptedPath(other.hash)));
      await syncRound(reader.ws.db, TARGET_ID, { retry: TEST_RETRY, blobs: reader.blobs, eagerBlobs: true });
      expect(await reader.blobs.has(real.hash)).toBe(false);
      expect(await fetchOnDemand(reader.ws.db, reader.blobs, real.hash, TEST_RETRY)).toBe(false);
      // Still wanted, tried again later.
      expect(wanted(reader.ws)).toEqual([real.hash]);
      expect(reader.ws.db.prepare('SELECT attempts FROM sync_blob_wanted', { pluck: true }).get()).toBe(1);
      expect(await fetchOnDemand(reader.ws.db, reader.blobs, 'f'.repeat(64), TEST_RETRY)).toBe(false);
    } finally {
      target.destroy();
      source.ws.close();
      reader.ws.close();
    }
  });

  it('the sync worker fetches a file on request (what the media route asks it)', async () => {
    const source = member('worker-source', 'worker/');
    const reader = member('worker-reader', 'worker/');
    const blobRoot = join(dir, 'worker-reader-files');
    try {
      const { hash, plaintext } = await importAndPush(source);
      await syncRound(reader.ws.db, TARGET_ID, { retry: TEST_RETRY });
      const child = fork(SYNC_WORKER_URL, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
      const events: WorkerEvent[] = [];
      child.on('message', (event) => events.push(event as WorkerEvent));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'open', dbPath: reader.ws.path, dbKey: reader.ws.dbKey, blobRoot, settings: { intervalMs: 3_600_000, bandwidthBytesPerSecond: null, window: null } } satisfies WorkerCommand);
      // Two viewers asking at once get one download.
      child.send({ type: 'fetchBlob', requestId: 1, hash } satisfies WorkerCommand);
      child.send({ type: 'fetchBlob', requestId: 2, hash } satisfies WorkerCommand);
      while (events.filter((event) => event.type === 'blobFetched').length < 2 && !events.some((event) => event.type === 'fatal')) await new Promise((resolve) => setTimeout(resolve, 20));
      child.send({ type: 'stop' } satisfies WorkerCommand);
      await exited;
      expect(events.filter((event) => event.type === 'blobFetched')).toEqual([
        { type: 'blobFetched', requestId: 1, stored: true },
        { type: 'blobFetched', requestId: 2, stored: true },
      ]);
      expect(Buffer.from(await reader.blobs.read(hash)).equals(plaintext)).toBe(true);
    } finally {
      source.ws.close();
      reader.ws.close();
    }
  });
});
