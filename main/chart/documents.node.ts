import type Database from '@signalapp/sqlcipher';
import type { Author, ChartDocument, DocumentFields } from '../../preload/contract/chart.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { nextUpdatedAt } from '../patients/timestamps.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { authorOf } from './authors.node.ts';
import { createFields, logChartWrite } from './changes.node.ts';
import { requirePatient } from './guards.node.ts';

type DocumentRow = {
  id: string;
  patient_id: string;
  title: string;
  kind: ChartDocument['kind'];
  doc_date: string;
  encounter_id: string | null;
  media_type: ChartDocument['mediaType'];
  size: number;
  blob_hash: string;
  recorded_by_user_id: string | null;
  recorded_by_name: string;
  error_reason: string | null;
  created_at: number;
  updated_at: number;
};

function toDocument(row: DocumentRow): ChartDocument {
  return {
    id: row.id,
    patientId: row.patient_id,
    title: row.title,
    kind: row.kind,
    date: row.doc_date,
    encounterId: row.encounter_id,
    mediaType: row.media_type,
    size: row.size,
    recordedBy: { userId: row.recorded_by_user_id, name: row.recorded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Newest first. */
export function listDocuments(db: Database, patientId: string): ChartDocument[] {
  return db
    .prepare('SELECT * FROM chart_documents WHERE patient_id = ? AND error_reason IS NULL ORDER BY doc_date DESC, created_at DESC')
    .all<DocumentRow>([patientId])
    .map(toDocument);
}

/** The stored file behind a document: its encrypted blob in main/files and what it is. */
export interface DocumentContent {
  mediaType: ChartDocument['mediaType'];
  size: number;
  blobHash: string;
}

/** What an import or replica carries beyond the form's fields. */
export interface DocumentProvenance {
  id?: string;
  recordedBy?: Author;
  createdAt?: number;
}

function liveRow(db: Database, id: string): DocumentRow {
  const row = db.prepare('SELECT * FROM chart_documents WHERE id = ? AND error_reason IS NULL').get<DocumentRow>([id]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'document' });
  return row;
}

/**
 * Row-level insert (FHIR import uses it inside its own transaction): a document whose bytes are already in the
 * blob store. `fields` are `documentInputSchema`'s output. The outbox carries the blob's name, not its bytes:
 * the sync worker ships blobs separately.
 */
export function insertDocument(db: Database, patientId: string, fields: DocumentFields, content: DocumentContent, audit: AuditInput, provenance: DocumentProvenance = {}): ChartDocument {
  requirePatient(db, patientId);
  if (fields.encounterId !== null) {
    const owner = db.prepare('SELECT patient_id FROM encounters WHERE id = ? AND error_reason IS NULL', { pluck: true }).get([fields.encounterId]);
    if (owner !== patientId) throw new StoreError('NOT_FOUND', { reason: 'document-encounter' });
  }
  const recordedBy = provenance.recordedBy ?? authorOf(db, audit);
  const id = provenance.id ?? uuidv7(audit.at);
  const createdAt = provenance.createdAt ?? audit.at;
  db.prepare(
    `INSERT INTO chart_documents (id, patient_id, title, kind, doc_date, encounter_id, media_type, size, blob_hash,
       recorded_by_user_id, recorded_by_name, created_at, updated_at)
     VALUES ($id, $patientId, $title, $kind, $date, $encounterId, $mediaType, $size, $blobHash, $userId, $name, $createdAt, $updatedAt)`,
  ).run({
    id,
    patientId,
    title: fields.title,
    kind: fields.kind,
    date: fields.date,
    encounterId: fields.encounterId,
    mediaType: content.mediaType,
    size: content.size,
    blobHash: content.blobHash,
    userId: recordedBy.userId,
    name: recordedBy.name,
    createdAt,
    updatedAt: Math.max(createdAt, audit.at),
  });
  const document = toDocument(liveRow(db, id));
  logChartWrite(db, audit, { entity: 'document', id, patientId, op: 'upsert', fields: { ...createFields(document), blobHash: content.blobHash } });
  return document;
}

/** A document's metadata, e.g. to name a copy before anything is read. */
export function getDocument(db: Database, id: string): ChartDocument {
  return toDocument(liveRow(db, id));
}

/** The blob holding a live document's file, unaudited: for a read that is audited as a whole (a chart export). */
export function blobOfDocument(db: Database, id: string): string {
  return liveRow(db, id).blob_hash;
}

/** The blob of a document for viewing or a saved copy; the read (or export) is audited in the same transaction. */
export function documentContent(db: Database, id: string, audit: AuditInput): DocumentContent {
  const row = liveRow(db, id);
  appendAudit(db, { ...audit, entityType: 'document', entityId: id, patientId: row.patient_id });
  return { mediaType: row.media_type, size: row.size, blobHash: row.blob_hash };
}

/** Attached in error: the row stays (it replicates) with the reason; the blob stays for the audit trail's sake. */
export function removeDocument(db: Database, id: string, reason: string, audit: AuditInput): { id: string } {
  const row = liveRow(db, id);
  db.prepare('UPDATE chart_documents SET error_reason = ?, updated_at = ? WHERE id = ?').run([reason, nextUpdatedAt(row.updated_at, audit.at), id]);
  logChartWrite(db, audit, { entity: 'document', id, patientId: row.patient_id, op: 'delete', fields: { errorReason: reason }, detail: 'entered in error' });
  return { id };
}
