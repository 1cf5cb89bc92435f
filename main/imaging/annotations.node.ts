import type Database from '@signalapp/sqlcipher';
import type { Annotation, KeyImage, StudyAnnotations } from '../../preload/contract/imaging.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { StoreError } from '../store/errors.ts';
import { studyCopies } from '../sync/entities/imaging-aliases.node.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { readState } from '../sync/state.node.ts';

type Row = { annotations: string; key_images: string; updated_at: number; updated_by: string };

function studyPatient(db: Database, studyId: string): string | null {
  const study = db.prepare('SELECT patient_id FROM imaging_studies WHERE id = ? AND deleted_at IS NULL').get<{ patient_id: string | null }>([studyId]);
  if (!study) throw new StoreError('NOT_FOUND');
  return study.patient_id;
}

export function getAnnotations(db: Database, studyId: string): StudyAnnotations {
  studyPatient(db, studyId);
  const row = db.prepare('SELECT annotations, key_images, updated_at, updated_by FROM imaging_annotations WHERE study_id = ?').get<Row>([studyId]);
  if (!row) return { studyId, annotations: [], keyImages: [], updatedAt: null, updatedBy: null };
  return { studyId, annotations: JSON.parse(row.annotations) as Annotation[], keyImages: JSON.parse(row.key_images) as KeyImage[], updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/**
 * Replaces a study's measurements and key images. Every referenced instance must belong to the
 * study, so a saved measurement always reopens on its image.
 */
export function saveAnnotations(db: Database, studyId: string, annotations: Annotation[], keyImages: KeyImage[], updatedBy: string, audit: AuditInput): StudyAnnotations {
  const patientId = studyPatient(db, studyId);
  const known = new Set(
    db
      .prepare('SELECT i.id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id = ?', { pluck: true })
      .all<string>([studyId]),
  );
  const stray = [...annotations.map((a) => a.instanceId), ...keyImages.map((k) => k.instanceId)].find((instanceId) => !known.has(instanceId));
  if (stray !== undefined) throw new StoreError('CONFLICT', { reason: 'instance not in study' });
  const uniqueKeys = [...new Map(keyImages.map((k) => [`${k.instanceId}#${k.frame}`, k])).values()];
  db.prepare(
    `INSERT INTO imaging_annotations (study_id, annotations, key_images, updated_at, updated_by) VALUES ($studyId, $annotations, $keyImages, $at, $by)
     ON CONFLICT (study_id) DO UPDATE SET annotations = excluded.annotations, key_images = excluded.key_images, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run({ studyId, annotations: JSON.stringify(annotations), keyImages: JSON.stringify(uniqueKeys), at: audit.at, by: updatedBy });
  appendAudit(db, { ...audit, entityType: 'imaging_annotations', entityId: studyId, patientId, detail: JSON.stringify({ annotations: annotations.length, keyImages: uniqueKeys.length }) });
  recordChange(db, { entity: 'imaging_annotations', entityId: studyId, op: 'upsert', fields: { annotations, keyImages: uniqueKeys, updatedAt: audit.at, updatedBy } }, audit.at);
  // A study imported on two desks apart shows the marks of both copies (sync/entities/imaging-reports.node.ts), so
  // what is saved here is all of them: the other copies' own lists are emptied, or a mark removed here would come back.
  for (const copy of studyCopies(db, studyId)) {
    if (copy !== studyId && readState(db, 'imaging_annotations', copy) !== null) {
      recordChange(db, { entity: 'imaging_annotations', entityId: copy, op: 'upsert', fields: { annotations: [], keyImages: [], updatedAt: audit.at, updatedBy } }, audit.at);
    }
  }
  return getAnnotations(db, studyId);
}
