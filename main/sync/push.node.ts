import type Database from '@signalapp/sqlcipher';
import { existsSync } from 'node:fs';
import { uploadBlob } from './blob-upload.node.ts';
import { changeObjectName, encodeBatch, type WireChange } from './batch.ts';
import { materialize, stateKey } from './materialize.node.ts';
import { withRetry, type RetryPolicy } from './retry.ts';
import type { S3Target } from './s3-target.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';

/** Changes per object: large enough that listing and requests stay cheap, small enough that one object is a few hundred kilobytes. */
export const BATCH_CHANGES = 2000;

type Plan = { object: number; first: number; last: number };
type PushRow = { next_object: number; pushed_seq: number; pending_first: number | null; pending_last: number | null };
type OutboxRow = { hlc: string; entity: string; entity_id: string; op: WireChange['op']; fields: string };

export interface PushContext {
  db: Database;
  target: S3Target;
  targetId: string;
  key: Uint8Array;
  workstation: string;
  retry: RetryPolicy;
  /** Changes per object; BATCH_CHANGES unless a test wants many small objects. */
  batchChanges?: number;
  /** Before each upload, e.g. to wait for a bandwidth budget or pause. */
  beforeUpload?(bytes: number): Promise<void>;
  /** Where this workstation keeps the encrypted file of a blob, if it has it: files go up before the changes that name them. */
  blobPath?(hash: string): string | null;
  onObject?(object: number, changes: number, bytes: number): void;
}

/**
 * Fixes the next batch (object number and outbox range) in the store before
 * uploading it: after a crash the same range goes up under the same name, so
 * the cloud never holds a change twice or two objects for one batch.
 */
function planBatch(db: Database, targetId: string, batchChanges: number): Plan | null {
  return writeTransaction(db, () => {
    db.prepare('INSERT OR IGNORE INTO sync_push (target_id) VALUES (?)').run([targetId]);
    const row = db.prepare('SELECT next_object, pushed_seq, pending_first, pending_last FROM sync_push WHERE target_id = ?').get<PushRow>([targetId])!;
    if (row.pending_first !== null && row.pending_last !== null) return { object: row.next_object, first: row.pending_first, last: row.pending_last };
    const range = db
      .prepare('SELECT min(seq) AS first, max(seq) AS last FROM (SELECT seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?)')
      .get<{ first: number | null; last: number | null }>([row.pushed_seq, batchChanges])!;
    if (range.first === null || range.last === null) return null;
    db.prepare('UPDATE sync_push SET pending_first = ?, pending_last = ? WHERE target_id = ?').run([range.first, range.last, targetId]);
    return { object: row.next_object, first: range.first, last: range.last };
  });
}

/**
 * Moves the checkpoint past the batch, and rewrites its entities' rows from
 * their field state: a local write may have moved a column the change does
 * not carry (a timestamp touched by an edit that changed nothing), and the
 * other replicas only ever see the state.
 */
function commitBatch(db: Database, targetId: string, plan: Plan, entities: readonly { entity: string; id: string }[]): void {
  writeTransaction(db, () => {
    materialize(db, entities);
    db.prepare('UPDATE sync_push SET pushed_seq = ?, next_object = ?, pending_first = NULL, pending_last = NULL WHERE target_id = ? AND next_object = ?').run([
      plan.last,
      plan.object + 1,
      targetId,
      plan.object,
    ]);
  });
}

/** Uploads every outbox change not yet in this target, one immutable object per batch. */
export async function pushAll(context: PushContext): Promise<{ objects: number; changes: number; bytes: number }> {
  const { db, target, targetId } = context;
  const total = { objects: 0, changes: 0, bytes: 0 };
  const size = context.batchChanges ?? BATCH_CHANGES;
  for (let plan = planBatch(db, targetId, size); plan; plan = planBatch(db, targetId, size)) {
    const changes = db
      .prepare('SELECT hlc, entity, entity_id, op, fields FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq')
      .all<OutboxRow>([plan.first, plan.last])
      .map((row): WireChange => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> }));
    // Another workstation that sees a study can always fetch its images.
    for (const hash of blobsOf(changes)) {
      const path = context.blobPath?.(hash);
      if (path && existsSync(path)) await uploadBlob({ db, target, targetId, retry: context.retry, beforeUpload: context.beforeUpload }, hash, path);
    }
    const body = encodeBatch(context.key, { version: 1, workstation: context.workstation, object: plan.object, changes });
    await context.beforeUpload?.(body.length);
    // False when an earlier attempt of this very batch got through before a crash or a lost response.
    await withRetry(() => target.putIfAbsent(changeObjectName(context.workstation, plan.object), body), context.retry);
    commitBatch(db, targetId, plan, distinctEntities(changes));
    context.onObject?.(plan.object, changes.length, body.length);
    total.objects++;
    total.changes += changes.length;
    total.bytes += body.length;
  }
  return total;
}

function blobsOf(changes: readonly WireChange[]): Set<string> {
  const hashes = new Set<string>();
  for (const change of changes) if (typeof change.fields.blobHash === 'string') hashes.add(change.fields.blobHash);
  return hashes;
}

function distinctEntities(changes: readonly WireChange[]): { entity: string; id: string }[] {
  const seen = new Map<string, { entity: string; id: string }>();
  for (const change of changes) seen.set(stateKey(change.entity, change.entityId), { entity: change.entity, id: change.entityId });
  return [...seen.values()];
}
