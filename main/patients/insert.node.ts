import type Database from '@signalapp/sqlcipher';
import type { Patient } from '../../preload/contract/patients.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { uuidv7 } from '../store/ids.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { nextMrn } from './mrn.node.ts';
import { columnsOf, getRow, insertRow, replicatedFields, toPatient, type PatientFields } from './rows.node.ts';

/**
 * Writes a new patient as registration does: search keys, phone rows and
 * full-text row (insertRow), its `record.create` audit entry and its outbox
 * change, in the caller's transaction. Registration and the CSV import both
 * come through here. `mrn` null takes the clinic's next number.
 */
export function insertPatient(db: Database, fields: PatientFields, mrn: string | null, audit: AuditInput, detail: string | null = null): Patient {
  const id = uuidv7(audit.at);
  insertRow(db, id, mrn ?? nextMrn(db), columnsOf(fields), audit.at);
  const patient = toPatient(getRow(db, id)!);
  appendAudit(db, { ...audit, entityType: 'patient', entityId: id, patientId: id, detail });
  recordChange(db, { entity: 'patient', entityId: id, op: 'upsert', fields: replicatedFields(patient) }, audit.at);
  return patient;
}
