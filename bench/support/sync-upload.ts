import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from '../../main/files/blob-store.node.ts';
import { randomKey } from '../../main/keys/crypto.ts';
import { PART_CONCURRENCY, PART_SIZE, uploadBlob } from '../../main/sync/blob-upload.node.ts';
import { S3Target } from '../../main/sync/s3-target.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../../tests/integration/support/s3rver.ts';
import { openWorkstation, TARGET_ID } from '../../tests/integration/support/sync-workstation.ts';

const FILES = 30;
const FILE_BYTES = 10 * 1024 * 1024;
const ROUNDS = 2;

/**
 * 300 MB of image files (as the blob store keeps them) through the sync
 * worker's uploader and through lib-storage's Upload, same part size and
 * concurrency, each into a fresh prefix; best of two rounds each. Returns
 * worker throughput / raw throughput.
 */
export async function benchUpload(dir: string): Promise<number> {
  const s3 = await startS3rver('bench-blobs');
  const blobs = new BlobStore({ root: join(dir, 'blobs'), fileKey: randomKey() });
  const hashes: string[] = [];
  for (let i = 0; i < FILES; i++) hashes.push((await blobs.put(randomBytes(FILE_BYTES))).hash);
  const ws = openWorkstation({ dir, name: 'uploader', clinicKey: randomKey(), endpoint: s3.endpoint, bucket: s3.bucket });
  const retry = { attempts: 5, baseMs: 50, capMs: 1_000 };
  try {
    const timings = { raw: Infinity, worker: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      const config = (prefix: string) => ({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix, forcePathStyle: true });
      const raw = new S3Target(config(`raw-${round}/`), S3RVER_CREDENTIALS);
      let started = performance.now();
      for (const hash of hashes) {
        await new Upload({
          client: raw.client,
          params: { Bucket: s3.bucket, Key: raw.key(`blobs/${hash}`), Body: createReadStream(blobs.encryptedPath(hash)) },
          partSize: PART_SIZE,
          queueSize: PART_CONCURRENCY,
        }).done();
      }
      timings.raw = Math.min(timings.raw, performance.now() - started);
      raw.destroy();

      const target = new S3Target(config(`worker-${round}/`), S3RVER_CREDENTIALS);
      started = performance.now();
      for (const hash of hashes) await uploadBlob({ db: ws.db, target, targetId: TARGET_ID, retry }, hash, blobs.encryptedPath(hash));
      timings.worker = Math.min(timings.worker, performance.now() - started);
      target.destroy();
    }
    const mb = (FILES * FILE_BYTES) / 1e6;
    console.log(`upload ${mb.toFixed(0)} MB: raw lib-storage ${(mb / (timings.raw / 1000)).toFixed(1)} MB/s, worker ${(mb / (timings.worker / 1000)).toFixed(1)} MB/s`);
    return timings.raw / timings.worker;
  } finally {
    ws.close();
    await s3.close();
  }
}
