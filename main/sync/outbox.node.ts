import type Database from '@signalapp/sqlcipher';
import { formatHlc, parseHlc, tickHlc } from './hlc.ts';
import { fieldsOfChange, mergeFields, readState, writeState, type ChangeOp } from './state.node.ts';

/** A replicated entity's change, as the sync worker ships it (issue: background sync). */
export interface Change {
  /** Table-level name of the replicated entity, e.g. `patient`. */
  entity: string;
  entityId: string;
  op: ChangeOp;
  /** The fields this change sets (all fields for a create); empty for a delete. */
  fields: Readonly<Record<string, unknown>>;
}

/**
 * Transactional outbox: called by every query that writes replicated data,
 * inside that query's transaction, so a change is captured exactly when it
 * commits. The entity's field clocks move with it, so a remote change that is
 * older than this local one loses to it. Returns the change's HLC timestamp.
 */
export function recordChange(db: Database, change: Change, now = Date.now()): string {
  const state = db.prepare('SELECT last FROM hlc_state WHERE id = 1', { pluck: true }).get() as string | undefined;
  const node = db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get() as string | undefined;
  const hlc = formatHlc(tickHlc(state ? parseHlc(state) : null, now, node ?? 'unenrolled'));
  db.prepare('INSERT INTO hlc_state (id, last) VALUES (1, $hlc) ON CONFLICT (id) DO UPDATE SET last = excluded.last').run({ hlc });
  db.prepare('INSERT INTO outbox (hlc, entity, entity_id, op, fields) VALUES ($hlc, $entity, $entityId, $op, $fields)').run({
    hlc,
    entity: change.entity,
    entityId: change.entityId,
    op: change.op,
    fields: JSON.stringify(change.fields),
  });
  const fields = readState(db, change.entity, change.entityId) ?? {};
  if (mergeFields(fields, fieldsOfChange(change.entity, change.op, change.fields), hlc)) writeState(db, change.entity, change.entityId, fields);
  return hlc;
}
