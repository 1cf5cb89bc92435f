import type Database from '@signalapp/sqlcipher';
import { readState } from '../state.node.ts';
import type { MaterializeContext } from './adapter.ts';

/**
 * The same DICOM object imported on two workstations while apart gets two ids
 * with one UID (unique in its table). Every replica settles it the same way:
 * the copy with the smallest id owns the UID and has the row; the others are
 * aliases of it, with no row of their own, and whatever refers to an alias
 * (series, instances, reports, annotations) is written against the owner.
 */
export type UidTable = { table: 'imaging_studies' | 'imaging_series' | 'imaging_instances'; column: 'study_uid' | 'series_uid' | 'sop_instance_uid'; entity: string; uidField: string };

export const STUDIES: UidTable = { table: 'imaging_studies', column: 'study_uid', entity: 'imaging_study', uidField: 'studyInstanceUid' };
export const SERIES: UidTable = { table: 'imaging_series', column: 'series_uid', entity: 'imaging_series', uidField: 'seriesInstanceUid' };
export const INSTANCES: UidTable = { table: 'imaging_instances', column: 'sop_instance_uid', entity: 'imaging_instance', uidField: 'sopInstanceUid' };

/** Study aliases are recorded here (in sync_claims) so the owner can merge their links; they are retried after each batch like other claims. */
const STUDY_ALIAS = 'imaging_study.uid';

/** The row other than `id` holding the UID, if any. */
export function uidHolder(db: Database, kind: UidTable, uid: string, id: string): string | null {
  return (db.prepare(`SELECT id FROM ${kind.table} WHERE ${kind.column} = ? AND id <> ?`, { pluck: true }).get([uid, id]) as string | undefined) ?? null;
}

/** The row a copy is written as: its own, or its UID's owner; null while neither has arrived. */
export function ownerOf(db: Database, kind: UidTable, id: string): string | null {
  if (db.prepare(`SELECT 1 FROM ${kind.table} WHERE id = ?`, { pluck: true }).get([id]) !== undefined) return id;
  const uid = readState(db, kind.entity, id)?.[kind.uidField]?.[1];
  if (typeof uid !== 'string') return null;
  return (db.prepare(`SELECT id FROM ${kind.table} WHERE ${kind.column} = ?`, { pluck: true }).get([uid]) as string | undefined) ?? null;
}

/**
 * A copy with a smaller id arrived after the current owner had its row: the
 * UID moves to `id`. The old owner's UID is set aside, `id`'s row written,
 * the rows under the old one moved over, and the old row removed, all in the
 * pass's transaction.
 */
export function takeOver(db: Database, kind: UidTable, holder: string, id: string, write: () => void, children: readonly (readonly [table: string, column: string])[]): void {
  db.prepare(`UPDATE ${kind.table} SET ${kind.column} = ${kind.column} || '#' || id WHERE id = ?`).run([holder]);
  write();
  for (const [table, column] of children) db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run([id, holder]);
  db.prepare(`DELETE FROM ${kind.table} WHERE id = ?`).run([holder]);
}

export function recordStudyAlias(db: Database, uid: string, alias: string): void {
  db.prepare('INSERT OR IGNORE INTO sync_claims (kind, value, entity_id) VALUES (?, ?, ?)').run([STUDY_ALIAS, uid, alias]);
}

/** Copies other than `owner` recorded as aliases of the study UID. */
export function studyAliases(db: Database, uid: string, owner: string): string[] {
  return db.prepare('SELECT entity_id FROM sync_claims WHERE kind = ? AND value = ? AND entity_id <> ? ORDER BY entity_id', { pluck: true }).all([STUDY_ALIAS, uid, owner]) as string[];
}

/** Every copy of a study known here: the owner first, then its aliases in id order. */
export function studyCopies(db: Database, owner: string): string[] {
  const uid = db.prepare('SELECT study_uid FROM imaging_studies WHERE id = ?', { pluck: true }).get([owner]) as string | undefined;
  return uid === undefined ? [owner] : [owner, ...studyAliases(db, uid, owner)];
}

/** The study's measurements merge every copy's: rewritten when the copies or the images they mark change hands. */
export function requeueAnnotations(context: MaterializeContext, owner: string): void {
  const hasState = context.db.prepare("SELECT 1 FROM sync_entity_state WHERE entity = 'imaging_annotations' AND entity_id = ?", { pluck: true });
  for (const copy of studyCopies(context.db, owner)) if (hasState.get([copy]) !== undefined) context.requeue('imaging_annotations', copy);
}
