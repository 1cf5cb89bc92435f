import type Database from '@signalapp/sqlcipher';
import type { Author } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { nextUpdatedAt } from '../patients/timestamps.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { authorOf } from './authors.node.ts';
import { createFields, logChartWrite, updateFields, type ChartEntity } from './changes.node.ts';
import { requireCurrent, requirePatient } from './guards.node.ts';

/**
 * A list entry of the chart (problem, allergy, medication): its form fields in their own columns,
 * plus who recorded it and when. One table-driven implementation serves all three.
 */
export interface EntryTable<F extends object> {
  table: string;
  entity: ChartEntity;
  /** The reason a missing row gives, for the UI. */
  notFound: string;
  /** Column name → contract field name. */
  columns: Readonly<Record<string, keyof F & string>>;
  /** ORDER BY of the chart's list. */
  order: string;
}

export type Entry<F extends object> = F & { id: string; patientId: string; recordedBy: Author; createdAt: number; updatedAt: number };

/** What an import or replica carries beyond the form's fields. */
export interface EntryProvenance {
  id?: string;
  recordedBy?: Author;
  createdAt?: number;
}

type Row = Record<string, string | number | null> & {
  id: string;
  patient_id: string;
  recorded_by_user_id: string | null;
  recorded_by_name: string;
  error_reason: string | null;
  created_at: number;
  updated_at: number;
};

function toEntry<F extends object>(spec: EntryTable<F>, row: Row): Entry<F> {
  const fields = Object.fromEntries(Object.entries(spec.columns).map(([column, field]) => [field, row[column]])) as F;
  return {
    id: row.id,
    patientId: row.patient_id,
    ...fields,
    recordedBy: { userId: row.recorded_by_user_id, name: row.recorded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function liveRow<F extends object>(db: Database, spec: EntryTable<F>, id: string): Row {
  const row = db.prepare(`SELECT * FROM ${spec.table} WHERE id = ? AND error_reason IS NULL`).get<Row>([id]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: spec.notFound });
  return row;
}

/** Statement parameters of the form's columns, prefixed so no column name collides with the fixed ones. */
function values<F extends object>(spec: EntryTable<F>, fields: F): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec.columns).map(([column, field]) => [`col_${column}`, fields[field]]));
}

export function insertEntry<F extends object>(db: Database, spec: EntryTable<F>, patientId: string, fields: F, audit: AuditInput, provenance: EntryProvenance = {}): Entry<F> {
  requirePatient(db, patientId);
  const recordedBy = provenance.recordedBy ?? authorOf(db, audit);
  const id = provenance.id ?? uuidv7(audit.at);
  const createdAt = provenance.createdAt ?? audit.at;
  const columns = Object.keys(spec.columns);
  db.prepare(
    `INSERT INTO ${spec.table} (id, patient_id, ${columns.join(', ')}, recorded_by_user_id, recorded_by_name, created_at, updated_at)
     VALUES ($id, $patientId, ${columns.map((column) => `$col_${column}`).join(', ')}, $userId, $name, $createdAt, $updatedAt)`,
  ).run({ ...values(spec, fields), id, patientId, userId: recordedBy.userId, name: recordedBy.name, createdAt, updatedAt: Math.max(createdAt, audit.at) });
  const entry = toEntry(spec, liveRow(db, spec, id));
  logChartWrite(db, audit, { entity: spec.entity, id, patientId, op: 'upsert', fields: createFields(entry) });
  return entry;
}

/** Refused with CONFLICT (reason `stale`) if it changed since the caller read it; an update that changes nothing writes nothing. */
export function updateEntry<F extends object>(db: Database, spec: EntryTable<F>, id: string, fields: F, expectedUpdatedAt: number, audit: AuditInput): Entry<F> {
  const row = liveRow(db, spec, id);
  requireCurrent(row.updated_at, expectedUpdatedAt);
  const before = toEntry(spec, row);
  const changes = updateFields<Record<string, unknown>>(before, { ...before, ...fields });
  if (changes.names.length === 0) return before;
  const columns = Object.keys(spec.columns);
  db.prepare(`UPDATE ${spec.table} SET ${columns.map((column) => `${column} = $col_${column}`).join(', ')}, updated_at = $updatedAt WHERE id = $id`).run({
    ...values(spec, fields),
    id,
    updatedAt: nextUpdatedAt(row.updated_at, audit.at),
  });
  const after = toEntry(spec, liveRow(db, spec, id));
  logChartWrite(db, audit, { entity: spec.entity, id, patientId: row.patient_id, op: 'upsert', fields: updateFields<Record<string, unknown>>(before, after).fields, detail: `fields: ${changes.names.join(', ')}` });
  return after;
}

/** Entered in error: the row stays (it replicates) with the reason, and leaves the chart. */
export function removeEntry<F extends object>(db: Database, spec: EntryTable<F>, id: string, reason: string, audit: AuditInput): Entry<F> {
  const row = liveRow(db, spec, id);
  db.prepare(`UPDATE ${spec.table} SET error_reason = ?, updated_at = ? WHERE id = ?`).run([reason, nextUpdatedAt(row.updated_at, audit.at), id]);
  logChartWrite(db, audit, { entity: spec.entity, id, patientId: row.patient_id, op: 'delete', fields: { errorReason: reason }, detail: 'entered in error' });
  return toEntry(spec, row);
}

export function listEntries<F extends object>(db: Database, spec: EntryTable<F>, patientId: string): Entry<F>[] {
  return db
    .prepare(`SELECT * FROM ${spec.table} WHERE patient_id = ? AND error_reason IS NULL ORDER BY ${spec.order}`)
    .all<Row>([patientId])
    .map((row) => toEntry(spec, row));
}
