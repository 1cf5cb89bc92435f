import type Database from '@signalapp/sqlcipher';
import type { Patient } from '../../preload/contract/patients.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { nextMrn } from '../patients/mrn.node.ts';
import { columnsOf, getRow, insertRow, replicatedFields, toPatient } from '../patients/rows.node.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { recordChange } from '../sync/outbox.node.ts';
import type { PlannedPatient } from './import-plan.ts';
import { mrnSystem } from './systems.ts';

export type PatientMatch = { patient: Patient; outcome: 'created' | 'matched'; by: 'mrn' | 'identifier' | 'id' | null };

const live = (db: Database, sql: string, params: unknown[]) =>
  db.prepare(`SELECT id FROM patients WHERE ${sql} AND merged_into IS NULL`, { pluck: true }).all(params as never) as string[];

/**
 * The live record the bundle's patient already is, by this store's MRN, by
 * identity document, or by the bundle's id (a record imported or replicated
 * before). Refused as ambiguous when those name different records.
 */
function findExisting(db: Database, planned: PlannedPatient, ownSystem: string): { id: string; by: PatientMatch['by'] } | null {
  const candidates: { id: string; by: PatientMatch['by'] }[] = [];
  if (planned.mrn?.system === ownSystem) candidates.push(...live(db, 'mrn = ?', [planned.mrn.value]).map((id) => ({ id, by: 'mrn' as const })));
  const identifier = planned.fields.identifier;
  if (identifier) candidates.push(...live(db, 'id_value = ? AND id_type = ?', [identifier.value.toUpperCase(), identifier.type]).map((id) => ({ id, by: 'identifier' as const })));
  if (planned.id) candidates.push(...live(db, 'id = ?', [planned.id]).map((id) => ({ id, by: 'id' as const })));
  if (new Set(candidates.map((candidate) => candidate.id)).size > 1) throw new StoreError('CONFLICT', { reason: 'ambiguous-match' });
  return candidates[0] ?? null;
}

/**
 * The imported patient: an existing record as it is (an import never
 * overwrites demographics a registrar keeps), or a new one written the way a
 * registration writes it (search keys, phones, full-text row, audit, outbox).
 */
export function importPatient(db: Database, planned: PlannedPatient, audit: AuditInput): PatientMatch {
  const ownSystem = mrnSystem(db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get() as string);
  const existing = findExisting(db, planned, ownSystem);
  if (existing) return { patient: toPatient(getRow(db, existing.id)!), outcome: 'matched', by: existing.by };

  // A tombstone or another record may hold the bundle's id: then the new record gets its own.
  const id = planned.id && !getRow(db, planned.id) ? planned.id : uuidv7(audit.at);
  // This store's own MRN is kept if it is free (a record deleted and brought back); a foreign one is not this clinic's number.
  const ownMrn = planned.mrn?.system === ownSystem && !db.prepare('SELECT 1 FROM patients WHERE mrn = ?', { pluck: true }).get([planned.mrn.value]) ? planned.mrn.value : null;
  insertRow(db, id, ownMrn ?? nextMrn(db), columnsOf(planned.fields), audit.at);
  const patient = toPatient(getRow(db, id)!);
  appendAudit(db, { ...audit, action: 'record.create', entityType: 'patient', entityId: id, patientId: id, detail: 'FHIR import' });
  recordChange(db, { entity: 'patient', entityId: id, op: 'upsert', fields: replicatedFields(patient) }, audit.at);
  return { patient, outcome: 'created', by: null };
}
