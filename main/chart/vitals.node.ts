import type Database from '@signalapp/sqlcipher';
import type { Author, VitalSigns, VitalsFields } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { nextUpdatedAt } from '../patients/timestamps.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { authorOf } from './authors.node.ts';
import { bodyMassIndex } from './bmi.ts';
import { createFields, logChartWrite } from './changes.node.ts';
import { requireEncounterOf, requirePatient } from './guards.node.ts';

type VitalsRow = {
  id: string;
  patient_id: string;
  at: number;
  encounter_id: string | null;
  systolic: number | null;
  diastolic: number | null;
  heart_rate: number | null;
  temperature: number | null;
  spo2: number | null;
  respiratory_rate: number | null;
  height: number | null;
  weight: number | null;
  bmi: number | null;
  recorded_by_user_id: string | null;
  recorded_by_name: string;
  error_reason: string | null;
  created_at: number;
  updated_at: number;
};

/** What an import or replica carries beyond the form's fields. */
export interface VitalsProvenance {
  id?: string;
  recordedBy?: Author;
  createdAt?: number;
}

function toVitals(row: VitalsRow): VitalSigns {
  return {
    id: row.id,
    patientId: row.patient_id,
    at: row.at,
    encounterId: row.encounter_id,
    systolic: row.systolic,
    diastolic: row.diastolic,
    heartRate: row.heart_rate,
    temperature: row.temperature,
    spo2: row.spo2,
    respiratoryRate: row.respiratory_rate,
    height: row.height,
    weight: row.weight,
    bmi: row.bmi,
    status: row.error_reason === null ? 'final' : 'entered-in-error',
    errorReason: row.error_reason,
    recordedBy: { userId: row.recorded_by_user_id, name: row.recorded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function getRow(db: Database, id: string): VitalsRow | null {
  return db.prepare('SELECT * FROM vital_signs WHERE id = ?').get<VitalsRow>([id]) ?? null;
}

/**
 * The height a BMI uses: this set's, else the patient's latest valid one measured before it
 * (adults are not re-measured at every visit).
 */
function heightFor(db: Database, patientId: string, fields: VitalsFields): number | null {
  if (fields.height !== null) return fields.height;
  const earlier = db
    .prepare('SELECT height FROM vital_signs WHERE patient_id = ? AND at <= ? AND height IS NOT NULL AND error_reason IS NULL ORDER BY at DESC LIMIT 1', {
      pluck: true,
    })
    .get([patientId, fields.at]) as number | undefined;
  return earlier ?? null;
}

/** Row-level insert (FHIR import uses it inside its own transaction); BMI computed here. `fields` are `vitalsInputSchema`'s output. */
export function insertVitals(db: Database, patientId: string, fields: VitalsFields, audit: AuditInput, provenance: VitalsProvenance = {}): VitalSigns {
  requirePatient(db, patientId);
  requireEncounterOf(db, patientId, fields.encounterId);
  const recordedBy = provenance.recordedBy ?? authorOf(db, audit);
  const id = provenance.id ?? uuidv7(audit.at);
  const createdAt = provenance.createdAt ?? audit.at;
  db.prepare(
    `INSERT INTO vital_signs (id, patient_id, at, encounter_id, systolic, diastolic, heart_rate, temperature, spo2, respiratory_rate,
       height, weight, bmi, recorded_by_user_id, recorded_by_name, created_at, updated_at)
     VALUES ($id, $patientId, $at, $encounterId, $systolic, $diastolic, $heartRate, $temperature, $spo2, $respiratoryRate,
       $height, $weight, $bmi, $userId, $name, $createdAt, $updatedAt)`,
  ).run({
    id,
    patientId,
    at: fields.at,
    encounterId: fields.encounterId,
    systolic: fields.systolic,
    diastolic: fields.diastolic,
    heartRate: fields.heartRate,
    temperature: fields.temperature,
    spo2: fields.spo2,
    respiratoryRate: fields.respiratoryRate,
    height: fields.height,
    weight: fields.weight,
    bmi: bodyMassIndex(heightFor(db, patientId, fields), fields.weight),
    userId: recordedBy.userId,
    name: recordedBy.name,
    createdAt,
    updatedAt: Math.max(createdAt, audit.at),
  });
  const vitals = toVitals(getRow(db, id)!);
  logChartWrite(db, audit, { entity: 'vital_signs', id, patientId, op: 'upsert', fields: createFields(vitals) });
  return vitals;
}

/** Vital signs stay on record once taken; a wrong set is marked entered-in-error with the reason. */
export function markVitalsError(db: Database, id: string, reason: string, audit: AuditInput): VitalSigns {
  const row = getRow(db, id);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'vitals' });
  if (row.error_reason !== null) return toVitals(row);
  db.prepare('UPDATE vital_signs SET error_reason = ?, updated_at = ? WHERE id = ?').run([reason, nextUpdatedAt(row.updated_at, audit.at), id]);
  const vitals = toVitals(getRow(db, id)!);
  const { status, errorReason, updatedAt } = vitals;
  logChartWrite(db, audit, { entity: 'vital_signs', id, patientId: row.patient_id, op: 'upsert', fields: { status, errorReason, updatedAt }, detail: 'entered in error' });
  return vitals;
}

/** Valid sets, newest first. */
export function listVitals(db: Database, patientId: string): VitalSigns[] {
  return db
    .prepare('SELECT * FROM vital_signs WHERE patient_id = ? AND error_reason IS NULL ORDER BY at DESC, id DESC')
    .all<VitalsRow>([patientId])
    .map(toVitals);
}
