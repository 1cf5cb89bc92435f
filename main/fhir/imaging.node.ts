import type Database from '@signalapp/sqlcipher';
import type { ImagingStudySummary } from './chart-snapshot.ts';

type StudyRow = { id: string; study_uid: string; study_date: string | null; description: string; accession: string; referring: string };
type SeriesRow = { study_id: string; series_uid: string; series_number: number | null; modality: string; description: string; body_part: string; instances: number };

/**
 * The patient's linked, not deleted imaging studies, oldest first. The
 * imaging capability owns these tables; a store without them (an older
 * schema) has no studies to list.
 */
export function imagingStudiesOf(db: Database, patientId: string): ImagingStudySummary[] {
  const present = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('imaging_studies', 'imaging_series', 'imaging_instances')", { pluck: true }).get();
  if (present !== 3) return [];
  const studies = db
    .prepare('SELECT id, study_uid, study_date, description, accession, referring FROM imaging_studies WHERE patient_id = ? AND deleted_at IS NULL ORDER BY coalesce(study_date, \'\'), id')
    .all<StudyRow>([patientId]);
  if (studies.length === 0) return [];
  const series = db
    .prepare(
      `SELECT s.study_id, s.series_uid, s.series_number, s.modality, s.description, s.body_part, count(i.id) AS instances
         FROM imaging_series s LEFT JOIN imaging_instances i ON i.series_id = s.id
        WHERE s.study_id IN (SELECT value FROM json_each(?))
        GROUP BY s.id ORDER BY s.series_number, s.series_uid`,
    )
    .all<SeriesRow>([JSON.stringify(studies.map((study) => study.id))]);
  return studies.map((study) => ({
    id: study.id,
    studyUid: study.study_uid,
    studyDate: study.study_date,
    description: study.description,
    accession: study.accession,
    referring: study.referring,
    series: series
      .filter((s) => s.study_id === study.id)
      .map((s) => ({ uid: s.series_uid, number: s.series_number, modality: s.modality, description: s.description, bodyPart: s.body_part, instances: s.instances })),
  }));
}
