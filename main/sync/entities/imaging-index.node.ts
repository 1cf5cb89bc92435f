import type Database from '@signalapp/sqlcipher';
import { wantBlob } from '../blob-fetch-queue.node.ts';
import { parseHlc } from '../hlc.ts';
import { DELETED, readState, valuesOf, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { INSTANCES, ownerOf, recordStudyAlias, requeueAnnotations, SERIES, STUDIES, studyAliases, takeOver, uidHolder } from './imaging-aliases.node.ts';
import { resolveLive } from './patient-links.node.ts';

type FilePatient = { patientId: string; issuer: string; name: string; birthDate: string | null; sex: string; otherIds: string[] };

type StudyValues = {
  studyInstanceUid?: string;
  patientId?: string | null;
  linkReason?: string | null;
  filePatient?: FilePatient;
  studyDate?: string | null;
  studyTime?: string | null;
  accessionNumber?: string;
  description?: string;
  referring?: string;
  createdAt?: number;
  updatedAt?: number;
};

type SeriesValues = { studyId?: string; seriesInstanceUid?: string; modality?: string; seriesNumber?: number | null; description?: string; bodyPart?: string; createdAt?: number };

type InstanceValues = {
  seriesId?: string;
  sopInstanceUid?: string;
  sopClassUid?: string;
  blobHash?: string;
  size?: number;
  transferSyntaxUid?: string;
  frameCount?: number;
  rows?: number;
  columns?: number;
  instanceNumber?: number | null;
  slicePosition?: number | null;
  createdAt?: number;
};

/** The patient as found in the files, shared by studies with the same demographics (as main/imaging/index.node.ts keys them). */
function imagingPatient(db: Database, studyId: string, patient: FilePatient, createdAt: number): string {
  const matchKey = JSON.stringify([patient.patientId, patient.issuer, patient.name, patient.birthDate, patient.sex]);
  const found = db.prepare('SELECT id FROM imaging_patients WHERE match_key = ?', { pluck: true }).get([matchKey]) as string | undefined;
  if (found) return found;
  db.prepare(
    `INSERT INTO imaging_patients (id, match_key, patient_id, issuer, name, birth_date, sex, other_ids, created_at)
     VALUES ($id, $matchKey, $patientId, $issuer, $name, $birthDate, $sex, $otherIds, $createdAt)`,
  ).run({ id: studyId, matchKey, patientId: patient.patientId, issuer: patient.issuer, name: patient.name, birthDate: patient.birthDate, sex: patient.sex, otherIds: JSON.stringify(patient.otherIds), createdAt });
  return studyId;
}

/** The copy whose state set a field last (HLC order), with that entry. */
function latest(copies: readonly FieldState[], field: string): { copy: FieldState; entry: [string, unknown] } | null {
  let found: { copy: FieldState; entry: [string, unknown] } | null = null;
  for (const copy of copies) {
    const entry = copy[field];
    if (entry && (!found || entry[0] > found.entry[0])) found = { copy, entry };
  }
  return found;
}

const STUDY_UPSERT = `INSERT INTO imaging_studies (id, study_uid, imaging_patient_id, patient_id, link_reason, linked_at, linked_by, study_date, study_time, accession, description, referring, created_at, updated_at, deleted_at)
  VALUES ($id, $uid, $imagingPatient, $patient, $reason, $linkedAt, NULL, $date, $time, $accession, $description, $referring, $createdAt, $updatedAt, $deletedAt)
  ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id, link_reason = excluded.link_reason,
    linked_by = CASE WHEN patient_id IS excluded.patient_id AND linked_at IS excluded.linked_at THEN linked_by ELSE NULL END,
    mismatches = CASE WHEN patient_id IS excluded.patient_id AND linked_at IS excluded.linked_at THEN mismatches ELSE '[]' END,
    linked_at = excluded.linked_at,
    study_date = excluded.study_date, study_time = excluded.study_time, accession = excluded.accession, description = excluded.description,
    referring = excluded.referring, created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at`;

/** The linking desk's notes survive a change of owner when the link they describe is the one shown. */
const KEEP_LINK_NOTES = `UPDATE imaging_studies SET linked_by = old.linked_by, mismatches = old.mismatches FROM imaging_studies AS old
  WHERE imaging_studies.id = ? AND old.id = ? AND old.patient_id IS imaging_studies.patient_id AND old.linked_at IS imaging_studies.linked_at`;

/**
 * Imaging studies: their link to a chart (following merges, waiting for a
 * chart that has not arrived) and the file's demographics. Who linked it and
 * the differences seen then are the linking desk's notes: kept while the link
 * is that desk's, cleared when another desk's link wins.
 *
 * The same study imported on two desks apart (one Study Instance UID, two
 * ids) is one row, the smallest id's (see imaging-aliases.node.ts): the file's
 * facts are that copy's; the link, its reason and a removal are whichever
 * copy set them last, as if both copies' changes had been made to one study.
 * `updated_at` is the latest of the copies' and of the instances it holds.
 */
export const imagingStudyAdapter: EntityAdapter = {
  entity: 'imaging_study',
  rank: 50,
  patientField: 'patientId',
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as StudyValues;
    const { studyInstanceUid, filePatient, createdAt } = values;
    if (typeof studyInstanceUid !== 'string' || !filePatient || typeof createdAt !== 'number') return 'pending';
    const holder = uidHolder(db, STUDIES, studyInstanceUid, id);
    if (holder !== null && holder < id) {
      // An alias: its link and everything written against it show on the owner's row.
      recordStudyAlias(db, studyInstanceUid, id);
      context.requeue('imaging_study', holder);
      return 'written';
    }
    if (holder !== null) recordStudyAlias(db, studyInstanceUid, holder);
    const aliases = studyAliases(db, studyInstanceUid, id);
    const copies = [state, ...aliases.map((alias) => readState(db, 'imaging_study', alias)).filter((copy): copy is FieldState => copy !== null)];
    const link = latest(copies, 'patientId');
    const linked = (link?.entry[1] as string | null | undefined) ?? null;
    const patient = linked === null ? null : resolveLive(db, linked);
    if (linked !== null && patient === null) return 'pending';
    const tombstone = latest(copies, DELETED);
    const held = holder === null ? [id] : [id, holder];
    const lastImage = db
      .prepare('SELECT max(i.created_at) FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id IN (SELECT value FROM json_each(?))', { pluck: true })
      .get([JSON.stringify(held)]) as number | null;
    const copyValues = copies.map((copy) => valuesOf(copy) as StudyValues);
    const row = {
      id,
      uid: studyInstanceUid,
      imagingPatient: imagingPatient(db, id, filePatient, createdAt),
      patient,
      reason: patient === null ? null : ((link!.copy.linkReason?.[1] as string | null | undefined) ?? 'manual'),
      linkedAt: patient === null ? null : parseHlc(link!.entry[0]).wall,
      date: values.studyDate ?? null,
      time: values.studyTime ?? null,
      accession: values.accessionNumber ?? '',
      description: values.description ?? '',
      referring: values.referring ?? '',
      createdAt: Math.min(...copyValues.map((copy) => copy.createdAt ?? createdAt)),
      updatedAt: Math.max(lastImage ?? 0, ...copyValues.map((copy) => copy.updatedAt ?? copy.createdAt ?? createdAt)),
      deletedAt: tombstone ? parseHlc(tombstone.entry[0]).wall : null,
    };
    if (holder === null) db.prepare(STUDY_UPSERT).run(row);
    else
      takeOver(
        db,
        STUDIES,
        holder,
        id,
        () => {
          db.prepare(STUDY_UPSERT).run(row);
          db.prepare(KEEP_LINK_NOTES).run([id, holder]);
        },
        [
          ['imaging_series', 'study_id'],
          ['imaging_reports', 'study_id'],
          ['imaging_concurrent_reports', 'study_id'],
          ['imaging_annotations', 'study_id'],
        ],
      );
    if (aliases.length > 0) requeueAnnotations(context, id);
    return 'written';
  },
};

export const imagingSeriesAdapter: EntityAdapter = {
  entity: 'imaging_series',
  rank: 51,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as SeriesValues;
    const { studyId, seriesInstanceUid, createdAt } = values;
    if (typeof studyId !== 'string' || typeof seriesInstanceUid !== 'string' || typeof createdAt !== 'number') return 'pending';
    const study = ownerOf(db, STUDIES, studyId);
    if (study === null) return 'pending';
    const holder = uidHolder(db, SERIES, seriesInstanceUid, id);
    // An alias: its instances join the owner's series.
    if (holder !== null && holder < id) return 'written';
    const write = () =>
      db
        .prepare(
          `INSERT INTO imaging_series (id, study_id, series_uid, modality, series_number, description, body_part, created_at)
           VALUES ($id, $studyId, $uid, $modality, $number, $description, $bodyPart, $createdAt)
           ON CONFLICT (id) DO UPDATE SET study_id = excluded.study_id, modality = excluded.modality, series_number = excluded.series_number,
             description = excluded.description, body_part = excluded.body_part, created_at = excluded.created_at`,
        )
        .run({
          id,
          studyId: study,
          uid: seriesInstanceUid,
          modality: values.modality ?? '',
          number: values.seriesNumber ?? null,
          description: values.description ?? '',
          bodyPart: values.bodyPart ?? '',
          createdAt,
        });
    if (holder === null) write();
    else takeOver(db, SERIES, holder, id, write, [['imaging_instances', 'series_id']]);
    return 'written';
  },
};

/** Instance index rows; the file is fetched from the bucket on first open (or eagerly). */
export const imagingInstanceAdapter: EntityAdapter = {
  entity: 'imaging_instance',
  rank: 52,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as InstanceValues;
    const { seriesId, sopInstanceUid, sopClassUid, blobHash, size, transferSyntaxUid, createdAt } = values;
    if (
      typeof seriesId !== 'string' ||
      typeof sopInstanceUid !== 'string' ||
      typeof sopClassUid !== 'string' ||
      typeof blobHash !== 'string' ||
      typeof size !== 'number' ||
      typeof transferSyntaxUid !== 'string' ||
      typeof createdAt !== 'number'
    )
      return 'pending';
    const series = ownerOf(db, SERIES, seriesId);
    if (series === null) return 'pending';
    const holder = uidHolder(db, INSTANCES, sopInstanceUid, id);
    // An alias: the owner's file is the one shown; this copy's file (the same bytes, normally) is referenced by no row and kept.
    if (holder !== null && holder < id) return 'written';
    const write = () =>
      db
        .prepare(
          `INSERT INTO imaging_instances (id, series_id, sop_instance_uid, sop_class_uid, blob_hash, size, transfer_syntax, frames, rows, columns, instance_number, slice_position, created_at)
           VALUES ($id, $seriesId, $sop, $sopClass, $hash, $size, $ts, $frames, $rows, $columns, $number, $position, $createdAt)
           ON CONFLICT (id) DO UPDATE SET series_id = excluded.series_id, sop_class_uid = excluded.sop_class_uid, blob_hash = excluded.blob_hash, size = excluded.size,
             transfer_syntax = excluded.transfer_syntax, frames = excluded.frames, rows = excluded.rows, columns = excluded.columns,
             instance_number = excluded.instance_number, slice_position = excluded.slice_position, created_at = excluded.created_at`,
        )
        .run({
          id,
          seriesId: series,
          sop: sopInstanceUid,
          sopClass: sopClassUid,
          hash: blobHash,
          size,
          ts: transferSyntaxUid,
          frames: values.frameCount ?? 1,
          rows: values.rows ?? 0,
          columns: values.columns ?? 0,
          number: values.instanceNumber ?? null,
          position: values.slicePosition ?? null,
          createdAt,
        });
    const study = db.prepare('SELECT study_id FROM imaging_series WHERE id = ?', { pluck: true }).get([series]) as string;
    if (holder === null) write();
    else {
      takeOver(db, INSTANCES, holder, id, write, []);
      // The study's times and the measurements on the image follow the new owner.
      context.requeue('imaging_study', study);
      requeueAnnotations(context, study);
    }
    db.prepare('UPDATE imaging_studies SET updated_at = max(updated_at, ?) WHERE id = ?').run([createdAt, study]);
    wantBlob(db, blobHash);
    return 'written';
  },
};
