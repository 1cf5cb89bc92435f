import type Database from '@signalapp/sqlcipher';
import { applyBatch, nextObject } from './apply.node.ts';
import { changeObjectName, decodeBatch, type Batch } from './batch.ts';
import { withRetry, type RetryPolicy } from './retry.ts';
import type { S3Target } from './s3-target.ts';

/** Objects fetched ahead of the one being applied: applying is local work, fetching waits on the network. */
const READ_AHEAD = 4;

export interface PullContext {
  db: Database;
  target: S3Target;
  targetId: string;
  key: Uint8Array;
  workstation: string;
  retry: RetryPolicy;
  now(): number;
  /** Workstations whose objects are no longer applied (revoked). */
  ignore?: ReadonlySet<string>;
  beforeDownload?(): Promise<void>;
  onObject?(workstation: string, object: number, changes: number, bytes: number): void;
}

type Fetched = { ok: true; batch: Batch | null; bytes: number } | { ok: false; error: unknown };

/** Applies every other workstation's objects past this workstation's cursors, in order per workstation. */
export async function pullAll(context: PullContext): Promise<{ objects: number; changes: number; bytes: number }> {
  const { db, target, targetId, key } = context;
  const total = { objects: 0, changes: 0, bytes: 0 };
  const folders = await withRetry(() => target.listFolders('changes/'), context.retry);
  for (const workstation of folders.sort()) {
    if (workstation === context.workstation || context.ignore?.has(workstation)) continue;
    const fetch = (object: number): Promise<Fetched> =>
      withRetry(async () => {
        await context.beforeDownload?.();
        const bytes = await target.get(changeObjectName(workstation, object));
        // Decoding is inside the retry: a body cut short in transit fails authentication and is fetched again.
        return { ok: true as const, batch: bytes ? decodeBatch(key, workstation, object, bytes) : null, bytes: bytes?.length ?? 0 };
      }, context.retry).catch((error: unknown) => ({ ok: false as const, error }));
    const ahead = new Map<number, Promise<Fetched>>();
    for (let object = nextObject(db, targetId, workstation); ; object++) {
      for (let next = object; next < object + READ_AHEAD; next++) if (!ahead.has(next)) ahead.set(next, fetch(next));
      const fetched = await ahead.get(object)!;
      ahead.delete(object);
      if (!fetched.ok) {
        await Promise.all(ahead.values());
        throw fetched.error;
      }
      if (!fetched.batch) break;
      const result = applyBatch(db, targetId, fetched.batch, context.now());
      context.onObject?.(workstation, object, result.changes, fetched.bytes);
      total.objects++;
      total.changes += result.changes;
      total.bytes += fetched.bytes;
    }
    await Promise.all(ahead.values());
  }
  return total;
}
