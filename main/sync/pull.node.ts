import type Database from '@signalapp/sqlcipher';
import { applyBatches, nextObject } from './apply.node.ts';
import { changeObjectName, decodeBatch, type Batch } from './batch.ts';
import { BATCH_CHANGES } from './push.node.ts';
import { withRetry, type RetryPolicy } from './retry.ts';
import type { S3Target } from './s3-target.ts';

/** Objects fetched ahead of the one being applied: applying is local work, fetching waits on the network. */
const READ_AHEAD = 6;
/**
 * Objects already here are applied together, up to one full object's worth of
 * changes per transaction: many small objects (a day of edits on several
 * desks) commit once and an entity changed in several is rebuilt once, while
 * the write lock the app's own writes wait for is held no longer than before.
 */
const GROUP_CHANGES = BATCH_CHANGES;

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
    const arrived = new Map<number, Fetched>();
    const request = (object: number) => {
      if (!ahead.has(object)) ahead.set(object, fetch(object).then((fetched) => (arrived.set(object, fetched), fetched)));
    };
    let finished = false;
    for (let object = nextObject(db, targetId, workstation); !finished; ) {
      for (let next = object; next < object + READ_AHEAD; next++) request(next);
      const first = await ahead.get(object)!;
      // The first object waits for the network; those that arrived meanwhile join it.
      const group: { object: number; batch: Batch; bytes: number }[] = [];
      let changes = 0;
      for (let next = object, fetched: Fetched | undefined = first; fetched; fetched = arrived.get(++next)) {
        if (!fetched.ok) {
          if (group.length > 0) break;
          await Promise.all(ahead.values());
          throw fetched.error;
        }
        if (!fetched.batch) {
          finished = true;
          break;
        }
        if (group.length > 0 && changes + fetched.batch.changes.length > GROUP_CHANGES) break;
        group.push({ object: next, batch: fetched.batch, bytes: fetched.bytes });
        changes += fetched.batch.changes.length;
      }
      if (group.length === 0) break;
      const results = applyBatches(
        db,
        targetId,
        group.map((item) => item.batch),
        context.now(),
      );
      group.forEach((item, index) => {
        ahead.delete(item.object);
        arrived.delete(item.object);
        context.onObject?.(workstation, item.object, results[index]!.changes, item.bytes);
        total.objects++;
        total.changes += results[index]!.changes;
        total.bytes += item.bytes;
      });
      object += group.length;
    }
    await Promise.all(ahead.values());
  }
  return total;
}
