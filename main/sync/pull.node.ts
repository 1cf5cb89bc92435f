import type Database from '@signalapp/sqlcipher';
import { applyBatches, nextObject } from './apply.node.ts';
import { changeObjectName, CorruptObjectError, decodeBatch, NewerFormatError, type Batch } from './batch.ts';
import { revokedAt } from './entities/workstation.node.ts';
import { recordPullBlock, type PullBlock } from './pull-blocks.node.ts';
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
  beforeDownload?(): Promise<void>;
  onObject?(workstation: string, object: number, changes: number, bytes: number): void;
}

type Fetched = { ok: true; batch: Batch | null; bytes: number } | { ok: false; error: unknown };

/**
 * Applies every other workstation's objects past this workstation's cursors, in order per workstation. Of a revoked
 * workstation, only the objects the storage service stored before the revocation are applied (`beforeRevocation`).
 * A folder that cannot go on (an object missing while later ones are there, one that cannot be opened, or one of a
 * later format) is recorded and returned in `blocked`, and the other folders go on.
 */
export async function pullAll(context: PullContext): Promise<{ objects: number; changes: number; bytes: number; blocked: PullBlock[] }> {
  const { db, target, targetId, key } = context;
  const total = { objects: 0, changes: 0, bytes: 0, blocked: [] as PullBlock[] };
  const folders = await withRetry(() => target.listFolders('changes/'), context.retry);
  for (const workstation of folders.sort()) {
    if (workstation === context.workstation) continue;
    // Read per folder: a revocation applied from an earlier folder of this round already counts.
    const revocation = revokedAt(db, workstation);
    // Once the folder ends, the fetches ahead of its end stop retrying: a damaged object past a gap would otherwise
    // hold the round through its whole backoff.
    const ended = new AbortController();
    const retry = { ...context.retry, signal: context.retry.signal ? AbortSignal.any([context.retry.signal, ended.signal]) : ended.signal };
    const fetch = (object: number): Promise<Fetched> =>
      withRetry(async () => {
        await context.beforeDownload?.();
        const stored = await target.getStored(changeObjectName(workstation, object));
        // Past a revocation the folder ends for good, as if the object were not there.
        if (!stored || (revocation !== null && !beforeRevocation(stored.storedAt, revocation))) return { ok: true as const, batch: null, bytes: 0 };
        // Decoding is inside the retry: a body cut short in transit fails authentication and is fetched again. A later
        // format stays one however often it is fetched.
        try {
          return { ok: true as const, batch: decodeBatch(key, workstation, object, stored.bytes), bytes: stored.bytes.length };
        } catch (error) {
          if (error instanceof NewerFormatError) return { ok: false as const, error };
          throw error;
        }
      }, retry).catch((error: unknown) => ({ ok: false as const, error }));
    const ahead = new Map<number, Promise<Fetched>>();
    const arrived = new Map<number, Fetched>();
    const request = (object: number) => {
      if (!ahead.has(object)) ahead.set(object, fetch(object).then((fetched) => (arrived.set(object, fetched), fetched)));
    };
    let finished = false;
    let blocked: Omit<PullBlock, 'workstation'> | null = null;
    let object = nextObject(db, targetId, workstation);
    try {
      while (!finished) {
        for (let next = object; next < object + READ_AHEAD; next++) request(next);
        const first = await ahead.get(object)!;
        // The first object waits for the network; those that arrived meanwhile join it.
        const group: { object: number; batch: Batch; bytes: number }[] = [];
        let changes = 0;
        for (let next = object, fetched: Fetched | undefined = first; fetched; fetched = arrived.get(++next)) {
          if (!fetched.ok) {
            if (group.length > 0) break;
            // Unopenable after the retries (a body cut short in transit fails once, not every time), or of a later format:
            // not the network.
            if (fetched.error instanceof CorruptObjectError) blocked = { object: next, reason: 'unreadable' };
            else if (fetched.error instanceof NewerFormatError) blocked = { object: next, reason: 'newer' };
            else throw fetched.error;
            finished = true;
            break;
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
    } finally {
      ended.abort();
      await Promise.all(ahead.values());
    }
    // The folder ended at a name that is not there: the usual end, unless later objects exist. The name is looked at
    // again after the listing, as objects written since (it and more after it) are no gap. A revoked workstation's
    // folder ends at its revocation whatever follows.
    if (!blocked && revocation === null) {
      const name = changeObjectName(workstation, object);
      const later = await withRetry(() => target.firstAfter(`changes/${workstation}/`, name), context.retry);
      if (later !== null && !(await withRetry(() => target.exists(name), context.retry))) blocked = { object, reason: 'missing' };
    }
    recordPullBlock(db, targetId, workstation, blocked, context.now());
    if (blocked) total.blocked.push({ workstation, ...blocked });
  }
  return total;
}

/**
 * Whether an object was stored before its workstation's revocation. The time is the storage service's (a stolen PC
 * holds the clinic key and could forge any time inside an object, never the service's); Last-Modified counts whole
 * seconds, so an object stored in the revocation's own second counts as after it, and one without a time as well.
 * The revocation time is the revoking workstation's clock: S3 refuses requests from clocks 15 minutes off.
 */
function beforeRevocation(storedAt: number | null, revokedAt: number): boolean {
  return storedAt !== null && storedAt + 1000 <= revokedAt;
}
