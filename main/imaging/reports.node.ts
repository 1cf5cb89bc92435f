import type Database from '@signalapp/sqlcipher';
import type { ImagingReport, PatientImagingReport, ReportBody } from '../../preload/contract/imaging.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { uuidv7 } from '../store/ids.ts';
import { StoreError } from '../store/errors.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { getStudy } from './studies.node.ts';

type ReportRow = {
  id: string;
  study_id: string;
  status: 'draft' | 'signed';
  findings: string;
  impression: string;
  author_id: string;
  author_name: string;
  signed_at: number | null;
  signed_by: string | null;
  signed_by_name: string | null;
  created_at: number;
  updated_at: number;
};
type AddendumRow = { id: string; text: string; author_id: string; author_name: string; created_at: number };

export interface Author {
  id: string;
  name: string;
}

function studyPatient(db: Database, studyId: string): string | null {
  const row = db.prepare('SELECT patient_id FROM imaging_studies WHERE id = ? AND deleted_at IS NULL').get<{ patient_id: string | null }>([studyId]);
  if (!row) throw new StoreError('NOT_FOUND');
  return row.patient_id;
}

function reportRow(db: Database, studyId: string): ReportRow | undefined {
  return db.prepare('SELECT * FROM imaging_reports WHERE study_id = ?').get<ReportRow>([studyId]);
}

function toReport(db: Database, row: ReportRow): ImagingReport {
  const addenda = db.prepare('SELECT id, text, author_id, author_name, created_at FROM imaging_report_addenda WHERE report_id = ? ORDER BY created_at, id').all<AddendumRow>([row.id]);
  const concurrent = db.prepare('SELECT * FROM imaging_concurrent_reports WHERE study_id = ? ORDER BY created_at, id').all<ReportRow & { addenda: string }>([row.study_id]);
  return {
    ...toBody(row, addenda.map((a) => ({ id: a.id, text: a.text, author: { id: a.author_id, name: a.author_name }, createdAt: a.created_at }))),
    concurrent: concurrent.map((other) => toBody(other, JSON.parse(other.addenda) as ReportBody['addenda'])),
  };
}

function toBody(row: ReportRow, addenda: ReportBody['addenda']): ReportBody {
  return {
    id: row.id,
    studyId: row.study_id,
    status: row.status,
    findings: row.findings,
    impression: row.impression,
    author: { id: row.author_id, name: row.author_name },
    signedAt: row.signed_at,
    signedBy: row.signed_by ? { id: row.signed_by, name: row.signed_by_name ?? '' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    addenda,
  };
}

/** A study's report (null if none yet); an audited chart read. */
export function getReport(db: Database, studyId: string, audit: AuditInput): ImagingReport | null {
  const patientId = studyPatient(db, studyId);
  const row = reportRow(db, studyId);
  if (row) appendAudit(db, { ...audit, entityType: 'imaging_report', entityId: row.id, patientId });
  return row ? toReport(db, row) : null;
}

/**
 * Creates or updates the draft. Refused once signed (reason `signed`) and when someone else saved
 * since the caller read it (reason `stale`, compared on `updatedAt`; null when creating).
 */
export function saveDraft(db: Database, studyId: string, text: { findings: string; impression: string }, expectedUpdatedAt: number | null, author: Author, audit: AuditInput): ImagingReport {
  const patientId = studyPatient(db, studyId);
  const current = reportRow(db, studyId);
  const now = audit.at;
  if (current?.status === 'signed') throw new StoreError('CONFLICT', { reason: 'signed' });
  if ((current?.updated_at ?? null) !== expectedUpdatedAt) throw new StoreError('CONFLICT', { reason: 'stale' });
  const id = current?.id ?? uuidv7(now);
  const updatedAt = Math.max(now, (current?.updated_at ?? 0) + 1);
  if (current) {
    db.prepare('UPDATE imaging_reports SET findings = ?, impression = ?, updated_at = ? WHERE id = ?').run([text.findings, text.impression, updatedAt, id]);
  } else {
    db.prepare(
      `INSERT INTO imaging_reports (id, study_id, status, findings, impression, author_id, author_name, created_at, updated_at)
       VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
    ).run([id, studyId, text.findings, text.impression, author.id, author.name, now, updatedAt]);
  }
  appendAudit(db, { ...audit, action: current ? 'record.update' : 'record.create', entityType: 'imaging_report', entityId: id, patientId });
  recordChange(
    db,
    {
      entity: 'imaging_report',
      entityId: id,
      op: 'upsert',
      fields: current
        ? { findings: text.findings, impression: text.impression, updatedAt }
        : { studyId, status: 'draft', findings: text.findings, impression: text.impression, author: { ...author }, createdAt: now, updatedAt },
    },
    now,
  );
  return toReport(db, reportRow(db, studyId)!);
}

/** Signs the draft as it was read (`expectedUpdatedAt`); a signed report is read-only and grows only by addenda. */
export function signReport(db: Database, studyId: string, expectedUpdatedAt: number, signer: Author, audit: AuditInput): ImagingReport {
  const patientId = studyPatient(db, studyId);
  const current = reportRow(db, studyId);
  if (!current) throw new StoreError('NOT_FOUND', { reason: 'no report' });
  if (current.status === 'signed') throw new StoreError('CONFLICT', { reason: 'signed' });
  if (current.updated_at !== expectedUpdatedAt) throw new StoreError('CONFLICT', { reason: 'stale' });
  if (!current.impression.trim()) throw new StoreError('CONFLICT', { reason: 'empty impression' });
  const now = audit.at;
  const updatedAt = Math.max(now, current.updated_at + 1);
  db.prepare("UPDATE imaging_reports SET status = 'signed', signed_at = ?, signed_by = ?, signed_by_name = ?, updated_at = ? WHERE id = ?").run([now, signer.id, signer.name, updatedAt, current.id]);
  appendAudit(db, { ...audit, action: 'record.update', entityType: 'imaging_report', entityId: current.id, patientId, detail: 'signed' });
  recordChange(db, { entity: 'imaging_report', entityId: current.id, op: 'upsert', fields: { status: 'signed', signedAt: now, signedBy: { ...signer }, updatedAt } }, now);
  return toReport(db, reportRow(db, studyId)!);
}

export function addAddendum(db: Database, studyId: string, text: string, author: Author, audit: AuditInput): ImagingReport {
  const patientId = studyPatient(db, studyId);
  const current = reportRow(db, studyId);
  if (!current) throw new StoreError('NOT_FOUND', { reason: 'no report' });
  if (current.status !== 'signed') throw new StoreError('CONFLICT', { reason: 'not signed' });
  const now = audit.at;
  const id = uuidv7(now);
  db.prepare('INSERT INTO imaging_report_addenda (id, report_id, text, author_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?)').run([id, current.id, text, author.id, author.name, now]);
  appendAudit(db, { ...audit, action: 'record.create', entityType: 'imaging_report_addendum', entityId: id, patientId });
  recordChange(db, { entity: 'imaging_report_addendum', entityId: id, op: 'upsert', fields: { reportId: current.id, text, author: { ...author }, createdAt: now } }, now);
  return toReport(db, reportRow(db, studyId)!);
}

/**
 * Signed imaging reports of a patient, newest study first, with their study's identity: what the
 * chart shows (call `vault.store.methods.imaging.signedReportsForPatient(patientId, audit)` or the
 * channel `imaging.reports.forPatient`). An audited chart read.
 */
export function signedReportsForPatient(db: Database, patientId: string, audit: AuditInput): PatientImagingReport[] {
  const rows = db
    .prepare(
      `SELECT r.* FROM imaging_reports r JOIN imaging_studies s ON s.id = r.study_id
       WHERE s.patient_id = ? AND s.deleted_at IS NULL AND r.status = 'signed'
       ORDER BY coalesce(s.study_date, '') DESC, r.signed_at DESC`,
    )
    .all<ReportRow>([patientId]);
  appendAudit(db, { ...audit, entityType: 'imaging_report', patientId, detail: `signed reports: ${rows.length}` });
  return rows.map((row) => {
    const study = getStudy(db, row.study_id);
    return { report: toReport(db, row), study: { id: study.id, studyDate: study.studyDate, description: study.description, modalities: study.modalities, accessionNumber: study.accessionNumber } };
  });
}
