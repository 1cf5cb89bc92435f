import type Database from '@signalapp/sqlcipher';
import type { ReconcileItem, StudySummary } from '../../preload/contract/imaging.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { patientQueries } from '../patients/queries.node.ts';
import type { PatientFields } from '../patients/rows.node.ts';
import { StoreError } from '../store/errors.ts';
import { recordChange } from '../sync/outbox.node.ts';
import type { InstanceMetadata } from './import/metadata.ts';
import { findChartMatch, mismatchesOf, type Mismatch } from './link.node.ts';
import { getStudy, listStudies } from './studies.node.ts';

type FilePatientRow = { patient_id: string; issuer: string; name: string; birth_date: string | null; sex: InstanceMetadata['patient']['sex']; other_ids: string };
type ChartRow = { id: string; mrn: string; full_name: string; pinyin: string | null; sex: string; birth_date: string; merged_into: string | null };

function filePatientOf(db: Database, studyId: string): InstanceMetadata['patient'] & { linkedTo: string | null } {
  const row = db
    .prepare(
      `SELECT p.patient_id, p.issuer, p.name, p.birth_date, p.sex, p.other_ids, s.patient_id AS linked_to
       FROM imaging_studies s JOIN imaging_patients p ON p.id = s.imaging_patient_id WHERE s.id = ? AND s.deleted_at IS NULL`,
    )
    .get<FilePatientRow & { linked_to: string | null }>([studyId]);
  if (!row) throw new StoreError('NOT_FOUND');
  return {
    patientId: row.patient_id,
    issuer: row.issuer,
    name: row.name,
    birthDate: row.birth_date,
    sex: row.sex,
    otherIds: JSON.parse(row.other_ids) as string[],
    linkedTo: row.linked_to,
  };
}

function chartRow(db: Database, patientId: string): ChartRow {
  const row = db.prepare('SELECT id, mrn, full_name, pinyin, sex, birth_date, merged_into FROM patients WHERE id = ?').get<ChartRow>([patientId]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'patient not found' });
  return row;
}

/** Studies waiting for a chart, each with the most likely chart (if any) and where their demographics disagree. */
export function listReconciliation(db: Database, limit: number): ReconcileItem[] {
  return listStudies(db, { unlinkedOnly: true, limit }).map((study) => {
    const patient = filePatientOf(db, study.id);
    const match = findChartMatch(db, patient);
    if (!match) return { study, candidate: null };
    const chart = chartRow(db, match.patientId);
    return {
      study,
      candidate: { patientId: chart.id, mrn: chart.mrn, fullName: chart.full_name, sex: chart.sex as ReconcileItem['study']['filePatient']['sex'], birthDate: chart.birth_date, reason: match.reason, mismatches: match.mismatches },
    };
  });
}

/**
 * Links a waiting (or wrongly linked) study to a chart. Demographics that disagree are recorded and
 * must have been shown to the user (`acknowledgeMismatches`); the chart itself is never changed.
 */
export function linkStudy(db: Database, studyId: string, patientId: string, acknowledgeMismatches: boolean, linkedBy: string, audit: AuditInput): StudySummary {
  const patient = filePatientOf(db, studyId);
  const chart = chartRow(db, patientId);
  if (chart.merged_into) throw new StoreError('CONFLICT', { reason: 'merged' });
  const mismatches = mismatchesOf(chart, patient);
  if (mismatches.length > 0 && !acknowledgeMismatches) throw new StoreError('CONFLICT', { reason: 'mismatch', fields: mismatches.join(',') });
  return setLink(db, studyId, patientId, 'manual', mismatches, linkedBy, audit);
}

/** Registers a chart from (user-checked) demographics of a waiting study and links the study to it. */
export function createPatientForStudy(db: Database, studyId: string, fields: PatientFields, confirmedNotDuplicate: boolean, linkedBy: string, audit: AuditInput): StudySummary {
  const patient = filePatientOf(db, studyId);
  if (patient.linkedTo) throw new StoreError('CONFLICT', { reason: 'already linked' });
  const created = patientQueries.register(db, fields, confirmedNotDuplicate, { ...audit, action: 'record.create' });
  const mismatches = mismatchesOf(chartRow(db, created.id), patient);
  return setLink(db, studyId, created.id, 'created', mismatches, linkedBy, audit);
}

/** Puts a study back on the reconciliation list (it was linked to the wrong chart). */
export function unlinkStudy(db: Database, studyId: string, audit: AuditInput): StudySummary {
  const patient = filePatientOf(db, studyId);
  if (!patient.linkedTo) return getStudy(db, studyId);
  db.prepare("UPDATE imaging_studies SET patient_id = NULL, link_reason = NULL, linked_at = NULL, linked_by = NULL, mismatches = '[]', updated_at = ? WHERE id = ?").run([audit.at, studyId]);
  appendAudit(db, { ...audit, entityType: 'imaging_study', entityId: studyId, patientId: patient.linkedTo, detail: 'unlinked' });
  recordChange(db, { entity: 'imaging_study', entityId: studyId, op: 'upsert', fields: { patientId: null, linkReason: null, updatedAt: audit.at } }, audit.at);
  return getStudy(db, studyId);
}

function setLink(db: Database, studyId: string, patientId: string, reason: 'manual' | 'created', mismatches: Mismatch[], linkedBy: string, audit: AuditInput): StudySummary {
  db.prepare('UPDATE imaging_studies SET patient_id = ?, link_reason = ?, linked_at = ?, linked_by = ?, mismatches = ?, updated_at = ? WHERE id = ?').run([
    patientId,
    reason,
    audit.at,
    linkedBy,
    JSON.stringify(mismatches),
    audit.at,
    studyId,
  ]);
  appendAudit(db, { ...audit, action: 'record.update', entityType: 'imaging_study', entityId: studyId, patientId, detail: JSON.stringify({ linked: reason, mismatches }) });
  recordChange(db, { entity: 'imaging_study', entityId: studyId, op: 'upsert', fields: { patientId, linkReason: reason, updatedAt: audit.at } }, audit.at);
  return getStudy(db, studyId);
}
