import type Database from '@signalapp/sqlcipher';
import type { BlobStore } from '../files/blob-store.node.ts';
import { settleWantedBlobs } from './blob-fetch.node.ts';
import { clinicKey } from './clinic-key.node.ts';
import { revokedAt } from './entities/workstation.node.ts';
import type { PullBlock } from './pull-blocks.node.ts';
import { pullAll } from './pull.node.ts';
import { pushAll } from './push.node.ts';
import { DEFAULT_RETRY, PERMANENT_FAILURES, PermanentSyncError, type RetryPolicy } from './retry.ts';
import { S3Target, type TargetOptions } from './s3-target.ts';
import { getTarget, markStopped, markSuccess, targetCredentials } from './targets.node.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';

export interface RoundSummary {
  targetId: string;
  pushed: { objects: number; changes: number; bytes: number };
  pulled: { objects: number; changes: number; bytes: number };
  /** Image and document files downloaded after the pull (eager fetching). */
  fetched: { fetched: number; bytes: number };
  /** Other workstations whose changes stopped applying at one of their objects (pull-blocks.node.ts). */
  blocked: PullBlock[];
}

export interface RoundOptions {
  retry?: RetryPolicy;
  target?: TargetOptions;
  now?: () => number;
  batchChanges?: number;
  /** The encrypted file of a blob on this workstation (main/files), for image upload. */
  blobPath?(hash: string): string | null;
  /** This workstation's file store: after the pull, files that arrived elsewhere are looked for and, with `eagerBlobs`, downloaded. */
  blobs?: BlobStore;
  eagerBlobs?: boolean;
  /** Progress: which object went up or came down. */
  onObject?(direction: 'push' | 'pull', workstation: string, object: number, changes: number, bytes: number): void;
  /** The bandwidth limit: waits until `bytes` may go (uploads) or after they came (eager file downloads). */
  throttle?(bytes: number): Promise<void>;
  onBlobPart?(part: number, parts: number): void;
  /** Multipart part size for files (tests). */
  blobPartSize?: number;
}

/**
 * One full round against one target: push this workstation's outbox, pull and
 * apply the others', then settle the files their rows name (downloaded when
 * eager, else only those already here are noted). A permanent failure stops
 * the target (recorded, with its code) and is thrown; a transient one that
 * outlasted the retries is thrown and the next round resumes from the checkpoints.
 */
export async function syncRound(db: Database, targetId: string, options: RoundOptions = {}): Promise<RoundSummary> {
  const target = getTarget(db, targetId);
  if (!target) throw new PermanentSyncError('NoSuchTarget', 'There is no such sync target.');
  const credentials = targetCredentials(db, targetId);
  if (!credentials) throw new PermanentSyncError('NoCredentials', 'The target has no access key yet. Enter the access key and secret in the target settings.');
  const key = clinicKey(db);
  if (!key) throw new PermanentSyncError('NotEnrolled', 'This workstation is not enrolled in a clinic: it has no sync key.');
  const workstation = db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get() as string;
  const now = options.now ?? Date.now;
  const retry = options.retry ?? DEFAULT_RETRY;
  const s3 = new S3Target(target.config, credentials, options.target);
  try {
    // Revoked on another workstation (entities/workstation.node.ts): nothing more goes up or comes down.
    if (revokedAt(db, workstation) !== null) throw new PermanentSyncError('Revoked', PERMANENT_FAILURES.Revoked);
    const pushed = await pushAll({
      db,
      target: s3,
      targetId,
      key,
      workstation,
      retry,
      batchChanges: options.batchChanges,
      blobPath: options.blobPath,
      blobPartSize: options.blobPartSize,
      onBlobPart: options.onBlobPart,
      beforeUpload: options.throttle,
      onObject: (object, changes, bytes) => options.onObject?.('push', workstation, object, changes, bytes),
    });
    const { blocked, ...pulled } = await pullAll({
      db,
      target: s3,
      targetId,
      key,
      workstation,
      retry,
      now,
      onObject: (from, object, changes, bytes) => options.onObject?.('pull', from, object, changes, bytes),
    });
    const fetched = options.blobs ? await settleWantedBlobs(db, s3, options.blobs, options.eagerBlobs ?? false, retry, now, options.throttle) : { fetched: 0, bytes: 0 };
    writeTransaction(db, () => markSuccess(db, targetId, now()));
    return { targetId, pushed, pulled, fetched, blocked };
  } catch (error) {
    if (error instanceof PermanentSyncError) writeTransaction(db, () => markStopped(db, targetId, error.code));
    throw error;
  } finally {
    s3.destroy();
  }
}

