import type Database from '@signalapp/sqlcipher';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import type { BlobRef } from '../files/blob-store.node.ts';
import { StoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { recordChange } from '../sync/outbox.node.ts';
import type { InstanceMetadata } from './import/metadata.ts';
import { findChartMatch } from './link.node.ts';
import { queueForwarding } from './pacs/forward.node.ts';

export type IndexOutcome = { status: 'imported'; studyId: string; newStudy: boolean } | { status: 'duplicate'; studyId: string | null };

/**
 * Indexes several instances whose files are already in the blob store in this one transaction (the store
 * method's): a commit, and its fsync, per batch instead of per file. Each instance is indexed whole, as by
 * `indexInstance`; a crash leaves all of the batch or none of it, never part of an instance. Each new one is also
 * queued for the DICOMweb servers this workstation forwards its new studies to (pacs/forward.node.ts), except
 * `fromPacs`, the server it was retrieved from.
 */
export function indexInstances(db: Database, items: readonly { metadata: InstanceMetadata; blob: BlobRef }[], audit: AuditInput, fromPacs: string | null = null): IndexOutcome[] {
  return items.map(({ metadata, blob }) => {
    const outcome = indexInstance(db, metadata, blob, audit);
    if (outcome.status === 'imported') queueForwarding(db, metadata.instance.sopInstanceUid, fromPacs, audit.at);
    return outcome;
  });
}

/** Whether any instance still uses a blob (orphan sweep). */
export function blobReferenced(db: Database, hash: string): boolean {
  return db.prepare('SELECT 1 FROM imaging_instances WHERE blob_hash = ? LIMIT 1', { pluck: true }).get([hash]) !== undefined;
}

/**
 * Indexes one instance whose file is already in the blob store: its patient-as-found, study and
 * series (created on first sight), and the instance itself, in this one transaction, so a crash
 * leaves either all of it or nothing. A new study is linked to the chart whose MRN or identifier
 * matches, unless the demographics disagree (then it waits for reconciliation). Every new
 * study, series and instance is written to the sync outbox; a new study is audited.
 */
export function indexInstance(db: Database, metadata: InstanceMetadata, blob: BlobRef, audit: AuditInput): IndexOutcome {
  const now = audit.at;
  const existing = db
    .prepare('SELECT se.study_id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE i.sop_instance_uid = ?', { pluck: true })
    .get<string>([metadata.instance.sopInstanceUid]);
  if (existing !== undefined) return { status: 'duplicate', studyId: existing };

  const { studyId, newStudy } = ensureStudy(db, metadata, audit);
  const seriesId = ensureSeries(db, studyId, metadata.series, now);
  const { instance } = metadata;
  const instanceId = uuidv7(now);
  db.prepare(
    `INSERT INTO imaging_instances (id, series_id, sop_instance_uid, sop_class_uid, blob_hash, size, transfer_syntax, frames, rows, columns, instance_number, slice_position, created_at)
     VALUES ($id, $seriesId, $sop, $sopClass, $hash, $size, $ts, $frames, $rows, $columns, $number, $position, $now)`,
  ).run({
    id: instanceId,
    seriesId,
    sop: instance.sopInstanceUid,
    sopClass: instance.sopClassUid,
    hash: blob.hash,
    size: blob.size,
    ts: instance.transferSyntaxUid,
    frames: instance.frames,
    rows: instance.rows,
    columns: instance.columns,
    number: instance.instanceNumber,
    position: instance.slicePosition,
    now,
  });
  recordChange(
    db,
    {
      entity: 'imaging_instance',
      entityId: instanceId,
      op: 'upsert',
      fields: {
        seriesId,
        sopInstanceUid: instance.sopInstanceUid,
        sopClassUid: instance.sopClassUid,
        blobHash: blob.hash,
        size: blob.size,
        transferSyntaxUid: instance.transferSyntaxUid,
        frameCount: instance.frames,
        rows: instance.rows,
        columns: instance.columns,
        instanceNumber: instance.instanceNumber,
        slicePosition: instance.slicePosition,
        createdAt: now,
      },
    },
    now,
  );
  if (!newStudy) db.prepare('UPDATE imaging_studies SET updated_at = max(updated_at, ?) WHERE id = ?').run([now, studyId]);
  return { status: 'imported', studyId, newStudy };
}

function ensurePatient(db: Database, patient: InstanceMetadata['patient'], now: number): string {
  const matchKey = JSON.stringify([patient.patientId, patient.issuer, patient.name, patient.birthDate, patient.sex]);
  const found = db.prepare('SELECT id FROM imaging_patients WHERE match_key = ?', { pluck: true }).get<string>([matchKey]);
  if (found) return found;
  const id = uuidv7(now);
  db.prepare(
    `INSERT INTO imaging_patients (id, match_key, patient_id, issuer, name, birth_date, sex, other_ids, created_at)
     VALUES ($id, $matchKey, $patientId, $issuer, $name, $birthDate, $sex, $otherIds, $now)`,
  ).run({ id, matchKey, patientId: patient.patientId, issuer: patient.issuer, name: patient.name, birthDate: patient.birthDate, sex: patient.sex, otherIds: JSON.stringify(patient.otherIds), now });
  return id;
}

function ensureStudy(db: Database, metadata: InstanceMetadata, audit: AuditInput): { studyId: string; newStudy: boolean } {
  const found = db.prepare('SELECT id FROM imaging_studies WHERE study_uid = ?', { pluck: true }).get<string>([metadata.study.uid]);
  if (found) {
    // A study deleted earlier comes back when its images are imported again.
    db.prepare('UPDATE imaging_studies SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL').run([found]);
    return { studyId: found, newStudy: false };
  }
  const now = audit.at;
  const id = uuidv7(now);
  const imagingPatientId = ensurePatient(db, metadata.patient, now);
  const match = findChartMatch(db, metadata.patient);
  const link = match && match.mismatches.length === 0 ? match : null;
  const { study } = metadata;
  db.prepare(
    `INSERT INTO imaging_studies (id, study_uid, imaging_patient_id, patient_id, link_reason, linked_at, linked_by, study_date, study_time, accession, description, referring, created_at, updated_at)
     VALUES ($id, $uid, $imagingPatientId, $patientId, $reason, $linkedAt, $linkedBy, $date, $time, $accession, $description, $referring, $now, $now)`,
  ).run({
    id,
    uid: study.uid,
    imagingPatientId,
    patientId: link?.patientId ?? null,
    reason: link?.reason ?? null,
    linkedAt: link ? now : null,
    linkedBy: link ? 'auto' : null,
    date: study.date,
    time: study.time,
    accession: study.accession,
    description: study.description,
    referring: study.referring,
    now,
  });
  appendAudit(db, { ...audit, action: 'record.create', entityType: 'imaging_study', entityId: id, patientId: link?.patientId ?? null, detail: link ? `linked: ${link.reason}` : 'unlinked' });
  recordChange(
    db,
    {
      entity: 'imaging_study',
      entityId: id,
      op: 'upsert',
      fields: {
        studyInstanceUid: study.uid,
        patientId: link?.patientId ?? null,
        linkReason: link?.reason ?? null,
        filePatient: { ...metadata.patient },
        studyDate: study.date,
        studyTime: study.time,
        accessionNumber: study.accession,
        description: study.description,
        referring: study.referring,
        createdAt: now,
      },
    },
    now,
  );
  return { studyId: id, newStudy: true };
}

function ensureSeries(db: Database, studyId: string, series: InstanceMetadata['series'], now: number): string {
  const found = db.prepare('SELECT id FROM imaging_series WHERE series_uid = ?', { pluck: true }).get<string>([series.uid]);
  if (found) return found;
  const id = uuidv7(now);
  db.prepare(
    `INSERT INTO imaging_series (id, study_id, series_uid, modality, series_number, description, body_part, created_at)
     VALUES ($id, $studyId, $uid, $modality, $number, $description, $bodyPart, $now)`,
  ).run({ id, studyId, uid: series.uid, modality: series.modality, number: series.number, description: series.description, bodyPart: series.bodyPart, now });
  recordChange(
    db,
    {
      entity: 'imaging_series',
      entityId: id,
      op: 'upsert',
      fields: { studyId, seriesInstanceUid: series.uid, modality: series.modality, seriesNumber: series.number, description: series.description, bodyPart: series.bodyPart, createdAt: now },
    },
    now,
  );
  return id;
}

/** One audit entry per import run: counts only, no file names (they may name the patient). */
export function auditImport(db: Database, audit: AuditInput, counts: Readonly<Record<string, number | boolean>>): void {
  appendAudit(db, { ...audit, entityType: 'imaging_import', detail: JSON.stringify(counts) });
}

/** An audit entry about a study as a whole (sent to a PACS, exported). */
export function auditStudy(db: Database, studyId: string, audit: AuditInput): void {
  const study = db.prepare('SELECT patient_id FROM imaging_studies WHERE id = ?').get<{ patient_id: string | null }>([studyId]);
  if (!study) throw new StoreError('NOT_FOUND');
  appendAudit(db, { ...audit, entityType: 'imaging_study', entityId: studyId, patientId: study.patient_id });
}
