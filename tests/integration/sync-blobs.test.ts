import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../main/files/blob-store.node.ts';
import { randomKey } from '../../main/keys/crypto.ts';
import { blobObjectName, downloadBlob, uploadBlob, type BlobUploadContext } from '../../main/sync/blob-upload.node.ts';
import { S3Target } from '../../main/sync/s3-target.ts';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from './support/s3rver.ts';
import { openWorkstation, TARGET_ID, TEST_RETRY, type TestWorkstation } from './support/sync-workstation.ts';

const PART = 5 * 1024 * 1024;

let s3: LocalS3;
let proxy: FaultProxy;
let dir: string;
let ws: TestWorkstation;
let target: S3Target;

beforeAll(async () => {
  s3 = await startS3rver();
  proxy = await startFaultProxy(s3.port, { seed: 11, faults: { error500: 0.05, reset: 0.03, delay: 0.1, maxDelayMs: 30 } });
  dir = await mkdtemp(join(tmpdir(), 'cw-sync-blobs-'));
  ws = openWorkstation({ dir, name: 'imaging', clinicKey: randomKey(), endpoint: proxy.endpoint, bucket: s3.bucket });
  target = new S3Target({ endpoint: proxy.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'blobs-test/', forcePathStyle: true }, S3RVER_CREDENTIALS);
});

afterAll(async () => {
  target?.destroy();
  ws?.close();
  await proxy?.close();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('image file upload', () => {
  it('resumes a multipart upload at the first missing part after a crash, and the file comes back intact', async () => {
    const fileKey = randomKey();
    const local = new BlobStore({ root: join(dir, 'local'), fileKey });
    const plaintext = randomBytes(PART * 4 + 12345);
    const { hash } = await local.put(plaintext);
    const path = local.encryptedPath(hash);

    const sent: number[] = [];
    const crashing: BlobUploadContext = {
      db: ws.db,
      target,
      targetId: TARGET_ID,
      retry: TEST_RETRY,
      partSize: PART,
      concurrency: 1,
      onPart: (_hash, part) => {
        sent.push(part);
        if (sent.length === 2) throw new Error('power cut');
      },
    };
    await expect(uploadBlob(crashing, hash, path)).rejects.toThrow('power cut');
    const recorded = ws.db.prepare('SELECT parts FROM sync_blob_uploads WHERE hash = ?', { pluck: true }).get([hash]) as string;
    expect(Object.keys(JSON.parse(recorded) as object)).toEqual(['1', '2']);

    const resumed: number[] = [];
    const context: BlobUploadContext = { ...crashing, concurrency: 3, onPart: (_hash, part) => void resumed.push(part) };
    expect(await uploadBlob(context, hash, path)).toBe('uploaded');
    expect(resumed.sort()).toEqual([3, 4, 5]);
    expect(ws.db.prepare('SELECT count(*) FROM sync_blob_uploads', { pluck: true }).get()).toBe(0);
    // HEAD first: a second upload sends nothing.
    expect(await uploadBlob(context, hash, path)).toBe('present');
    expect(await target.list('blobs/')).toEqual([blobObjectName(hash)]);

    const other = new BlobStore({ root: join(dir, 'other'), fileKey });
    const downloaded = await downloadBlob(target, hash, TEST_RETRY);
    await other.putEncrypted(hash, downloaded!);
    expect(Buffer.from(await other.read(hash)).equals(plaintext)).toBe(true);
    // What the cloud holds is the encrypted file: no run of the plaintext shows.
    expect(downloaded!.includes(plaintext.subarray(1000, 1064))).toBe(false);
  });

  it('sends a small file in one request', async () => {
    const local = new BlobStore({ root: join(dir, 'small'), fileKey: randomKey() });
    const { hash } = await local.put(randomBytes(200_000));
    const context: BlobUploadContext = { db: ws.db, target, targetId: TARGET_ID, retry: TEST_RETRY };
    expect(await uploadBlob(context, hash, local.encryptedPath(hash))).toBe('uploaded');
    expect(await target.exists(blobObjectName(hash))).toBe(true);
  });
});
