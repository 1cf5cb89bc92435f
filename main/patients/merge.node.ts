import type Database from '@signalapp/sqlcipher';
import type { Patient } from '../../preload/contract/patients.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { StoreError } from '../store/errors.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { getRow, toPatient } from './rows.node.ts';
import { nextUpdatedAt } from './timestamps.ts';

interface Repoint {
  table: string;
  /** The column holding the patient id. */
  column: string;
  /** What identifies a re-pointed row in the audit detail, so the merge can be undone by hand. */
  key: string;
  /** Rows the survivor already has a counterpart of: by default the merge fails; views are simply dropped. */
  onCollision?: 'drop';
}

/**
 * Every table whose rows belong to a patient, re-pointed from the duplicate
 * to the survivor by a merge. Issues that add such tables (encounters,
 * appointments, studies…) add them here.
 */
const MERGE_REPOINT: readonly Repoint[] = [
  { table: 'patient_views', column: 'patient_id', key: 'user_id', onCollision: 'drop' },
  { table: 'appointments', column: 'patient_id', key: 'id' },
  { table: 'imaging_studies', column: 'patient_id', key: 'id' },
  { table: 'encounters', column: 'patient_id', key: 'id' },
  { table: 'vital_signs', column: 'patient_id', key: 'id' },
  { table: 'problems', column: 'patient_id', key: 'id' },
  { table: 'allergies', column: 'patient_id', key: 'id' },
  { table: 'medications', column: 'patient_id', key: 'id' },
  { table: 'chart_documents', column: 'patient_id', key: 'id' },
];

/**
 * Folds a duplicate into the survivor: the duplicate becomes a tombstone
 * pointing at the survivor (its data kept as it was), its rows move to the
 * survivor, and both records' audit entries carry the ids of the moved rows.
 */
export function mergePatients(db: Database, survivorId: string, duplicateId: string, audit: AuditInput): Patient {
  if (survivorId === duplicateId) throw new StoreError('CONFLICT', { reason: 'same record' });
  const survivor = getRow(db, survivorId);
  const duplicate = getRow(db, duplicateId);
  if (!survivor || !duplicate) throw new StoreError('NOT_FOUND');
  if (survivor.merged_into || duplicate.merged_into) throw new StoreError('CONFLICT', { reason: 'merged' });

  const repointed: Record<string, string[]> = {};
  for (const { table, column, key, onCollision } of MERGE_REPOINT) {
    const moved = db
      .prepare(`UPDATE ${onCollision === 'drop' ? 'OR IGNORE ' : ''}${table} SET ${column} = $survivorId WHERE ${column} = $duplicateId RETURNING ${key} AS key`)
      .all<{ key: string }>({ survivorId, duplicateId });
    if (onCollision === 'drop') db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).run([duplicateId]);
    repointed[table] = moved.map((row) => row.key);
  }
  db.prepare('UPDATE patients SET merged_into = ?, updated_at = ? WHERE id = ?').run([survivorId, nextUpdatedAt(duplicate.updated_at, audit.at), duplicateId]);

  const detail = JSON.stringify({ merge: { survivorId, duplicateId, repointed } });
  appendAudit(db, { ...audit, entityType: 'patient', entityId: survivorId, patientId: survivorId, detail });
  appendAudit(db, { ...audit, entityType: 'patient', entityId: duplicateId, patientId: duplicateId, detail });
  recordChange(db, { entity: 'patient', entityId: duplicateId, op: 'merge', fields: { mergedInto: survivorId } }, audit.at);
  return toPatient(survivor);
}
