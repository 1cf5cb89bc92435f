import type Database from '@signalapp/sqlcipher';
import { existsSync } from 'node:fs';
import { uploadBlob } from './blob-upload.node.ts';
import { changeObjectName, decodeBatch, encodeStoredBatch, type Batch, type StoredChange, type WireChange } from './batch.ts';
import { materialize, readStatesOf, stateKey } from './materialize.node.ts';
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
  /** A part of a large file went up. */
  onBlobPart?(part: number, parts: number): void;
  blobPartSize?: number;
}

/**
 * Fixes the next batch (object number and outbox range) in the store before
 * uploading it: after a crash the same range goes up under the same name, so
 * the cloud never holds a change twice or two objects for one batch.
 */
function planBatch(db: Database, targetId: string, batchChanges: number): Plan | null {
  return writeTransaction(db, () => planNext(db, targetId, batchChanges));
}

function planNext(db: Database, targetId: string, batchChanges: number): Plan | null {
  db.prepare('INSERT OR IGNORE INTO sync_push (target_id) VALUES (?)').run([targetId]);
  const row = db.prepare('SELECT next_object, pushed_seq, pending_first, pending_last FROM sync_push WHERE target_id = ?').get<PushRow>([targetId])!;
  if (row.pending_first !== null && row.pending_last !== null) return { object: row.next_object, first: row.pending_first, last: row.pending_last };
  const range = db
    .prepare('SELECT min(seq) AS first, max(seq) AS last FROM (SELECT seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?)')
    .get<{ first: number | null; last: number | null }>([row.pushed_seq, batchChanges])!;
  if (range.first === null || range.last === null) return null;
  db.prepare('UPDATE sync_push SET pending_first = ?, pending_last = ? WHERE target_id = ?').run([range.first, range.last, targetId]);
  return { object: row.next_object, first: range.first, last: range.last };
}

/**
 * Moves the checkpoint past the batch, and rewrites its entities' rows from
 * their field state: a local write may have moved a column the change does
 * not carry (a timestamp touched by an edit that changed nothing), and the
 * other replicas only ever see the state. Fixes the next batch in the same
 * transaction (one commit, and its flush to disk, per object instead of two).
 */
function commitBatch(db: Database, targetId: string, plan: Plan, entities: readonly { entity: string; id: string }[], batchChanges: number): Plan | null {
  return writeTransaction(db, () => {
    materialize(db, entities, readStatesOf(db, entities));
    db.prepare('UPDATE sync_push SET pushed_seq = ?, next_object = ?, pending_first = NULL, pending_last = NULL WHERE target_id = ? AND next_object = ?').run([
      plan.last,
      plan.object + 1,
      targetId,
      plan.object,
    ]);
    return planNext(db, targetId, batchChanges);
  });
}

/** Uploads every outbox change not yet in this target, one immutable object per batch. */
export async function pushAll(context: PushContext): Promise<{ objects: number; changes: number; bytes: number }> {
  const { db, target, targetId } = context;
  const total = { objects: 0, changes: 0, bytes: 0 };
  const size = context.batchChanges ?? BATCH_CHANGES;
  for (let plan = planBatch(db, targetId, size); plan; ) {
    const changes = db
      .prepare('SELECT hlc, entity, entity_id, op, fields FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq')
      .all<OutboxRow>([plan.first, plan.last])
      .map((row): StoredChange => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fieldsJson: row.fields }));
    // Another workstation that sees a study can always fetch its images.
    for (const hash of blobsOf(changes)) {
      const path = context.blobPath?.(hash);
      if (!path || !existsSync(path)) continue;
      const onPart = (_hash: string, part: number, parts: number) => context.onBlobPart?.(part, parts);
      await uploadBlob({ db, target, targetId, retry: context.retry, beforeUpload: context.beforeUpload, partSize: context.blobPartSize, onPart }, hash, path);
    }
    const body = encodeStoredBatch(context.key, context.workstation, plan.object, changes);
    await context.beforeUpload?.(body.length);
    const name = changeObjectName(context.workstation, plan.object);
    // Only this workstation writes its folder, so looking before writing is safe, also where the service ignores
    // If-None-Match. A name already taken holds an earlier attempt of this very batch (a crash, a lost response), or
    // another batch when this store's checkpoint is behind the bucket (restored from a backup): then this batch goes
    // up after the last object there.
    if (await withRetry(() => target.exists(name), context.retry)) {
      if (!(await holdsBatch(context, plan.object, changes))) {
        renumberAfter(db, targetId, plan, await lastObject(context));
        plan = planBatch(db, targetId, size);
        continue;
      }
    } else {
      await withRetry(() => target.putIfAbsent(name, body), context.retry);
    }
    const next = commitBatch(db, targetId, plan, distinctEntities(changes), size);
    context.onObject?.(plan.object, changes.length, body.length);
    total.objects++;
    total.changes += changes.length;
    total.bytes += body.length;
    plan = next;
  }
  return total;
}

/** Whether the object under this batch's name holds exactly these changes. */
async function holdsBatch(context: PushContext, object: number, changes: readonly StoredChange[]): Promise<boolean> {
  const sealed = await withRetry(() => context.target.get(changeObjectName(context.workstation, object)), context.retry);
  if (!sealed) return false;
  let batch: Batch;
  try {
    batch = decodeBatch(context.key, context.workstation, object, sealed);
  } catch {
    return false;
  }
  return batch.changes.length === changes.length && batch.changes.every((change, index) => change.hlc === changes[index]!.hlc && change.entityId === changes[index]!.entityId);
}

/** The highest object number in this workstation's folder. */
async function lastObject(context: PushContext): Promise<number> {
  const prefix = `changes/${context.workstation}/`;
  const names = await withRetry(() => context.target.list(prefix), context.retry);
  return names.reduce((highest, name) => Math.max(highest, Number(name.slice(prefix.length)) || 0), 0);
}

function renumberAfter(db: Database, targetId: string, plan: Plan, last: number): void {
  writeTransaction(db, () => {
    db.prepare('UPDATE sync_push SET next_object = ? WHERE target_id = ? AND next_object = ?').run([Math.max(last, plan.object) + 1, targetId, plan.object]);
  });
}

function blobsOf(changes: readonly StoredChange[]): Set<string> {
  const hashes = new Set<string>();
  for (const change of changes) {
    // Only a change whose text names the field is parsed (JSON.stringify writes the key as "blobHash").
    if (!change.fieldsJson.includes('"blobHash"')) continue;
    const { blobHash } = JSON.parse(change.fieldsJson) as { blobHash?: unknown };
    if (typeof blobHash === 'string') hashes.add(blobHash);
  }
  return hashes;
}

function distinctEntities(changes: readonly StoredChange[]): { entity: string; id: string }[] {
  const seen = new Map<string, { entity: string; id: string }>();
  for (const change of changes) seen.set(stateKey(change.entity, change.entityId), { entity: change.entity, id: change.entityId });
  return [...seen.values()];
}
