import type Database from '@signalapp/sqlcipher';
import { BlobError, type BlobStore } from '../files/blob-store.node.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';
import { blobArrived, blobDeferred, wantedBlobs } from './blob-fetch-queue.node.ts';
import { downloadBlob } from './blob-upload.node.ts';
import type { RetryPolicy } from './retry.ts';
import { S3Target } from './s3-target.ts';
import { listTargets, targetCredentials } from './targets.node.ts';

/** Wanted files read from the store at a time. Without eager fetching one pass a round: the rest are fetched when opened. */
const WANTED_PER_PASS = 500;
const FETCH_CONCURRENCY = 4;

export type FetchOutcome = 'stored' | 'missing';

/**
 * Downloads one encrypted file from `blobs/<hash>` and stores it as it is.
 * BlobStore.putEncrypted checks every chunk's tag and that the content hashes
 * to its name, so a damaged or substituted object is refused ('missing').
 */
export async function fetchBlob(target: S3Target, blobs: BlobStore, hash: string, retry: RetryPolicy): Promise<FetchOutcome> {
  if (await blobs.has(hash)) return 'stored';
  const bytes = await downloadBlob(target, hash, retry);
  if (!bytes) return 'missing';
  try {
    await blobs.putEncrypted(hash, bytes);
    return 'stored';
  } catch (error) {
    if (error instanceof BlobError) return 'missing';
    throw error;
  }
}

/**
 * After a pull: forgets wanted files this workstation has by now, and with
 * `eager` downloads the others, until none is due. One not in the bucket yet
 * (its workstation has not sent it) or refused is tried again later.
 */
/**
 * `throttle` holds eager downloads to the bandwidth limit (a file someone is
 * opening, fetchOnDemand, is not held back).
 */
export async function settleWantedBlobs(
  db: Database,
  target: S3Target,
  blobs: BlobStore,
  eager: boolean,
  retry: RetryPolicy,
  now: () => number,
  throttle?: (bytes: number) => Promise<void>,
): Promise<{ fetched: number; bytes: number }> {
  const total = { fetched: 0, bytes: 0 };
  for (;;) {
    // Each pass deletes or defers every file it takes, so the next one takes others.
    const hashes = wantedBlobs(db, eager ? now() : Number.MAX_SAFE_INTEGER, WANTED_PER_PASS);
    let next = 0;
    let unreachable = false;
    const worker = async () => {
      while (next < hashes.length && !unreachable) {
        const hash = hashes[next++]!;
        if (await blobs.has(hash)) {
          writeTransaction(db, () => blobArrived(db, hash));
          continue;
        }
        if (!eager) continue;
        // The round's records are in: a download that keeps failing waits for the next round rather than failing this one.
        const outcome = await fetchBlob(target, blobs, hash, retry).catch(() => ((unreachable = true), 'missing' as const));
        writeTransaction(db, () => (outcome === 'stored' ? blobArrived(db, hash) : blobDeferred(db, hash, now())));
        if (outcome === 'stored') {
          const size = await blobs.size(hash);
          total.fetched++;
          total.bytes += size;
          await throttle?.(size);
        }
      }
    };
    await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
    if (!eager || unreachable || hashes.length < WANTED_PER_PASS) return total;
  }
}

/** A file someone is opening: from the first target that has it. True once it is stored here. */
export async function fetchOnDemand(db: Database, blobs: BlobStore, hash: string, retry: RetryPolicy): Promise<boolean> {
  if (await blobs.has(hash)) return true;
  for (const row of listTargets(db)) {
    const credentials = targetCredentials(db, row.id);
    if (!row.enabled || !credentials) continue;
    const target = new S3Target(row.config, credentials);
    try {
      if ((await fetchBlob(target, blobs, hash, retry)) === 'stored') {
        writeTransaction(db, () => blobArrived(db, hash));
        return true;
      }
    } catch {
      // This target is unreachable or refused: the next one may have the file.
    } finally {
      target.destroy();
    }
  }
  return false;
}
