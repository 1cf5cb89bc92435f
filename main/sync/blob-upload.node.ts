import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import type Database from '@signalapp/sqlcipher';
import { open, readFile, stat } from 'node:fs/promises';
import { withRetry, type RetryPolicy } from './retry.ts';
import type { S3Target } from './s3-target.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';

/** Parts of 8 MiB: above S3's 5 MiB minimum, and a lost part costs little to send again. */
export const PART_SIZE = 8 * 1024 * 1024;
export const PART_CONCURRENCY = 4;

export interface BlobUploadContext {
  db: Database;
  target: S3Target;
  targetId: string;
  retry: RetryPolicy;
  /** Before each request body goes out (bandwidth limit). */
  beforeUpload?(bytes: number): Promise<void>;
  /** After each finished part: progress, and the crash tests' kill point. */
  onPart?(hash: string, part: number, parts: number): void;
  partSize?: number;
  concurrency?: number;
}

type UploadRow = { upload_id: string; part_size: number; parts: string };

/** `blobs/<hash>`: the name the blob store gives the file (an HMAC under the clinic's file key), which reveals nothing without that key. */
export function blobObjectName(hash: string): string {
  return `blobs/${hash}`;
}

/**
 * Uploads an image or document file as the blob store keeps it — already
 * AES-256-GCM encrypted under the clinic's file key, chunk by chunk, and
 * named by its keyed hash — so the cloud copy needs no second encryption
 * and any enrolled workstation can store it as it is. HEAD first: a file
 * already there (re-import, another workstation) is not sent again. Large
 * files go up in parts whose ETags are recorded as they finish, so an upload
 * cut short resumes at the first missing part, after a restart too.
 */
export async function uploadBlob(context: BlobUploadContext, hash: string, path: string): Promise<'present' | 'uploaded'> {
  const { target, retry } = context;
  const name = blobObjectName(hash);
  if (await withRetry(() => target.exists(name), retry)) {
    forget(context, hash);
    return 'present';
  }
  const { size } = await stat(path);
  const partSize = context.partSize ?? PART_SIZE;
  if (size <= partSize) {
    const body = await readFile(path);
    await context.beforeUpload?.(body.length);
    await withRetry(() => target.putIfAbsent(name, body), retry);
    return 'uploaded';
  }
  for (;;) {
    const upload = await startOrResume(context, hash, partSize);
    try {
      await uploadParts(context, hash, path, size, upload);
      const parts = Object.entries(JSON.parse(load(context, hash)!.parts) as Record<string, string>)
        .map(([number, etag]) => ({ PartNumber: Number(number), ETag: etag }))
        .sort((a, b) => a.PartNumber - b.PartNumber);
      await withRetry(
        () => target.client.send(new CompleteMultipartUploadCommand({ Bucket: target.config.bucket, Key: target.key(name), UploadId: upload.uploadId, MultipartUpload: { Parts: parts } })),
        retry,
      );
      forget(context, hash);
      return 'uploaded';
    } catch (error) {
      // The service forgot the upload (expired, or aborted by a lifecycle rule): start it afresh.
      if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
      forget(context, hash);
    }
  }
}

async function startOrResume(context: BlobUploadContext, hash: string, partSize: number): Promise<{ uploadId: string; partSize: number }> {
  const existing = load(context, hash);
  if (existing) return { uploadId: existing.upload_id, partSize: existing.part_size };
  const { target } = context;
  const created = await withRetry(
    () => target.client.send(new CreateMultipartUploadCommand({ Bucket: target.config.bucket, Key: target.key(blobObjectName(hash)), ContentType: 'application/octet-stream' })),
    context.retry,
  );
  const uploadId = created.UploadId!;
  writeTransaction(context.db, () =>
    context.db.prepare('INSERT INTO sync_blob_uploads (target_id, hash, upload_id, part_size) VALUES (?, ?, ?, ?)').run([context.targetId, hash, uploadId, partSize]),
  );
  return { uploadId, partSize };
}

async function uploadParts(context: BlobUploadContext, hash: string, path: string, size: number, upload: { uploadId: string; partSize: number }): Promise<void> {
  const { target } = context;
  const count = Math.ceil(size / upload.partSize);
  const done = new Set(Object.keys(JSON.parse(load(context, hash)!.parts) as Record<string, string>).map(Number));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((part) => !done.has(part));
  const file = await open(path, 'r');
  try {
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const part = missing[next++]!;
        const start = (part - 1) * upload.partSize;
        const length = Math.min(upload.partSize, size - start);
        const body = Buffer.allocUnsafe(length);
        await file.read(body, 0, length, start);
        await context.beforeUpload?.(length);
        const result = await withRetry(
          () =>
            target.client.send(
              new UploadPartCommand({ Bucket: target.config.bucket, Key: target.key(blobObjectName(hash)), UploadId: upload.uploadId, PartNumber: part, Body: body, ContentLength: length }),
            ),
          context.retry,
        );
        recordPart(context, hash, part, result.ETag!);
        context.onPart?.(hash, part, count);
      }
    };
    await Promise.all(Array.from({ length: Math.min(context.concurrency ?? PART_CONCURRENCY, missing.length) }, worker));
  } finally {
    await file.close();
  }
}

function load(context: BlobUploadContext, hash: string): UploadRow | undefined {
  return context.db.prepare('SELECT upload_id, part_size, parts FROM sync_blob_uploads WHERE target_id = ? AND hash = ?').get<UploadRow>([context.targetId, hash]);
}

function recordPart(context: BlobUploadContext, hash: string, part: number, etag: string): void {
  writeTransaction(context.db, () =>
    context.db.prepare('UPDATE sync_blob_uploads SET parts = json_set(parts, ?, ?) WHERE target_id = ? AND hash = ?').run([`$."${part}"`, etag, context.targetId, hash]),
  );
}

function forget(context: BlobUploadContext, hash: string): void {
  writeTransaction(context.db, () => context.db.prepare('DELETE FROM sync_blob_uploads WHERE target_id = ? AND hash = ?').run([context.targetId, hash]));
}

/** Gives up an upload in progress (e.g. the file was removed); the service frees its parts. */
export async function abandonUpload(context: BlobUploadContext, hash: string): Promise<void> {
  const row = load(context, hash);
  if (!row) return;
  const { target } = context;
  await withRetry(() => target.client.send(new AbortMultipartUploadCommand({ Bucket: target.config.bucket, Key: target.key(blobObjectName(hash)), UploadId: row.upload_id })), context.retry).catch(() => {});
  forget(context, hash);
}

/** The encrypted file of a blob from the cloud, for BlobStore.putEncrypted (which verifies every chunk and the name); null if not there. */
export function downloadBlob(target: S3Target, hash: string, retry: RetryPolicy): Promise<Buffer | null> {
  return withRetry(() => target.get(blobObjectName(hash)), retry);
}
