import type Database from '@signalapp/sqlcipher';
import type { InstanceSummary, LinkReason, Series, StudySummary } from '../../preload/contract/imaging.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { StoreError } from '../store/errors.ts';
import { seriesContent } from './series-content.ts';

type StudyRow = {
  id: string;
  study_uid: string;
  patient_id: string | null;
  link_reason: LinkReason | null;
  mismatches: string;
  p_name: string;
  p_patient_id: string;
  p_birth_date: string | null;
  p_sex: StudySummary['filePatient']['sex'];
  study_date: string | null;
  study_time: string | null;
  description: string;
  accession: string;
  modalities: string | null;
  series_count: number;
  instance_count: number;
  report_status: 'draft' | 'signed' | null;
  created_at: number;
};

const STUDY_SELECT = `
  SELECT s.id, s.study_uid, s.patient_id, s.link_reason, s.mismatches, p.name AS p_name, p.patient_id AS p_patient_id, p.birth_date AS p_birth_date, p.sex AS p_sex,
    s.study_date, s.study_time, s.description, s.accession, s.created_at,
    (SELECT group_concat(DISTINCT se.modality) FROM imaging_series se WHERE se.study_id = s.id AND se.modality <> '') AS modalities,
    (SELECT count(*) FROM imaging_series se WHERE se.study_id = s.id) AS series_count,
    (SELECT count(*) FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id = s.id) AS instance_count,
    (SELECT r.status FROM imaging_reports r WHERE r.study_id = s.id) AS report_status
  FROM imaging_studies s JOIN imaging_patients p ON p.id = s.imaging_patient_id`;

function toSummary(row: StudyRow): StudySummary {
  return {
    id: row.id,
    studyInstanceUid: row.study_uid,
    patientId: row.patient_id,
    linkReason: row.link_reason,
    mismatches: JSON.parse(row.mismatches) as StudySummary['mismatches'],
    filePatient: { name: row.p_name, patientId: row.p_patient_id, birthDate: row.p_birth_date, sex: row.p_sex },
    studyDate: row.study_date,
    studyTime: row.study_time,
    description: row.description,
    accessionNumber: row.accession,
    modalities: row.modalities ? row.modalities.split(',').sort() : [],
    seriesCount: row.series_count,
    instanceCount: row.instance_count,
    reportStatus: row.report_status ?? 'none',
    importedAt: row.created_at,
  };
}

export interface StudyFilter {
  patientId?: string | undefined;
  query?: string | undefined;
  unlinkedOnly?: boolean | undefined;
  limit: number;
}

export function listStudies(db: Database, filter: StudyFilter): StudySummary[] {
  const where = ['s.deleted_at IS NULL'];
  const params: Record<string, string | number> = { limit: filter.limit };
  if (filter.patientId) {
    where.push('s.patient_id = $patientId');
    params.patientId = filter.patientId;
  }
  if (filter.unlinkedOnly) where.push('s.patient_id IS NULL');
  if (filter.query) {
    where.push(`(instr(lower(p.name), $q) > 0 OR instr(lower(p.patient_id), $q) > 0 OR instr(lower(s.accession), $q) > 0 OR instr(lower(s.description), $q) > 0)`);
    params.q = filter.query.toLowerCase();
  }
  const rows = db
    .prepare(`${STUDY_SELECT} WHERE ${where.join(' AND ')} ORDER BY coalesce(s.study_date, '') DESC, coalesce(s.study_time, '') DESC, s.created_at DESC LIMIT $limit`)
    .all<StudyRow>(params);
  return rows.map(toSummary);
}

export function getStudy(db: Database, studyId: string): StudySummary {
  const row = db.prepare(`${STUDY_SELECT} WHERE s.id = ? AND s.deleted_at IS NULL`).get<StudyRow>([studyId]);
  if (!row) throw new StoreError('NOT_FOUND');
  return toSummary(row);
}

type SeriesRow = { id: string; series_uid: string; modality: string; series_number: number | null; description: string; body_part: string };
type InstanceRow = {
  id: string;
  series_id: string;
  sop_instance_uid: string;
  sop_class_uid: string;
  instance_number: number | null;
  frames: number;
  rows: number;
  columns: number;
  transfer_syntax: string;
  slice_position: number | null;
};

/** A study's series with ordered instances; the read is audited against the linked chart. */
export function listSeries(db: Database, studyId: string, audit: AuditInput): Series[] {
  const study = db.prepare('SELECT patient_id FROM imaging_studies WHERE id = ? AND deleted_at IS NULL').get<{ patient_id: string | null }>([studyId]);
  if (!study) throw new StoreError('NOT_FOUND');
  appendAudit(db, { ...audit, entityType: 'imaging_study', entityId: studyId, patientId: study.patient_id });
  const series = db
    .prepare('SELECT id, series_uid, modality, series_number, description, body_part FROM imaging_series WHERE study_id = ? ORDER BY series_number IS NULL, series_number, series_uid')
    .all<SeriesRow>([studyId]);
  const instances = db
    .prepare(
      `SELECT i.id, i.series_id, i.sop_instance_uid, i.sop_class_uid, i.instance_number, i.frames, i.rows, i.columns, i.transfer_syntax, i.slice_position
       FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id = ?`,
    )
    .all<InstanceRow>([studyId]);
  const bySeries = new Map<string, InstanceRow[]>();
  for (const row of instances) {
    const rows = bySeries.get(row.series_id);
    if (rows) rows.push(row);
    else bySeries.set(row.series_id, [row]);
  }
  return series.map((row) => {
    const ordered = orderInstances(bySeries.get(row.id) ?? []).map(toInstance);
    return {
      id: row.id,
      seriesInstanceUid: row.series_uid,
      modality: row.modality,
      seriesNumber: row.series_number,
      description: row.description,
      bodyPart: row.body_part,
      content: seriesContent(ordered),
      instances: ordered,
    };
  });
}

/**
 * Volume order (slice position) when every image has one; otherwise instance number; UID breaks ties. Objects
 * without pixel data (no position, e.g. a presentation state filed in the series) come after the images.
 */
export function orderInstances<T extends Pick<InstanceRow, 'slice_position' | 'instance_number' | 'sop_instance_uid' | 'frames'>>(rows: readonly T[]): T[] {
  const images = rows.filter((row) => row.frames > 0);
  const byPosition = images.length > 1 && images.every((row) => row.slice_position !== null);
  const byNumber = (a: T, b: T) =>
    (a.instance_number ?? Number.MAX_SAFE_INTEGER) - (b.instance_number ?? Number.MAX_SAFE_INTEGER) || a.sop_instance_uid.localeCompare(b.sop_instance_uid);
  const imageOrder = byPosition ? (a: T, b: T) => a.slice_position! - b.slice_position! || byNumber(a, b) : byNumber;
  return [...images.sort(imageOrder), ...rows.filter((row) => row.frames <= 0).sort(byNumber)];
}

function toInstance(row: InstanceRow): InstanceSummary {
  return {
    id: row.id,
    sopInstanceUid: row.sop_instance_uid,
    sopClassUid: row.sop_class_uid,
    instanceNumber: row.instance_number,
    frameCount: Math.max(0, row.frames),
    rows: row.rows,
    columns: row.columns,
    transferSyntaxUid: row.transfer_syntax,
    slicePosition: row.slice_position,
  };
}

/** What the media handler needs to serve an instance: its blob and size, and nothing about the patient. */
export function instanceBlob(db: Database, instanceId: string): { hash: string; size: number } | null {
  return (
    db
      .prepare(
        `SELECT i.blob_hash AS hash, i.size FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id JOIN imaging_studies s ON s.id = se.study_id
         WHERE i.id = ? AND s.deleted_at IS NULL`,
      )
      .get<{ hash: string; size: number }>([instanceId]) ?? null
  );
}
