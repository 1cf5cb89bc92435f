import type Database from '@signalapp/sqlcipher';
import type { Annotation, KeyImage } from '../../../preload/contract/imaging.ts';
import { claimUnique, dropClaims, type UniqueSlot } from '../claims.node.ts';
import { readState, valuesOf, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { INSTANCES, ownerOf, STUDIES, studyCopies } from './imaging-aliases.node.ts';

type Person = { id: string; name: string };
type ReportValues = {
  studyId?: string;
  status?: 'draft' | 'signed';
  findings?: string;
  impression?: string;
  author?: Person;
  signedAt?: number | null;
  signedBy?: Person | null;
  createdAt?: number;
  updatedAt?: number;
};
type AddendumValues = { reportId?: string; text?: string; author?: Person; createdAt?: number };
type Addendum = { id: string; text: string; author: Person; createdAt: number };
type AnnotationValues = { annotations?: Annotation[]; keyImages?: KeyImage[]; updatedAt?: number; updatedBy?: string };

/**
 * A study has one report. Two desks that each started one while apart: the
 * report with the smaller id is the study's; the other is kept read-only beside
 * it, with its addenda, in imaging_concurrent_reports (and waits in sync_claims).
 */
const studySlot = (studyId: string): UniqueSlot => ({
  kind: 'imaging_report.study',
  value: studyId,
  holder: (db, id) => (db.prepare('SELECT id FROM imaging_reports WHERE study_id = ? AND id <> ?', { pluck: true }).get([studyId, id]) as string | undefined) ?? null,
  demote: (db, holder) => {
    db.prepare(`INSERT OR REPLACE INTO imaging_concurrent_reports (${REPORT_COLUMNS}, addenda) SELECT ${REPORT_COLUMNS}, ? FROM imaging_reports WHERE id = ?`).run([
      JSON.stringify(addendaOf(db, holder)),
      holder,
    ]);
    db.prepare('DELETE FROM imaging_report_addenda WHERE report_id = ?').run([holder]);
    db.prepare('DELETE FROM imaging_reports WHERE id = ?').run([holder]);
  },
});

const REPORT_COLUMNS = 'id, study_id, status, findings, impression, author_id, author_name, signed_at, signed_by, signed_by_name, created_at, updated_at';
const REPORT_VALUES = '$id, $studyId, $status, $findings, $impression, $authorId, $authorName, $signedAt, $signedBy, $signedByName, $createdAt, $updatedAt';
const REPORT_UPDATES = REPORT_COLUMNS.split(', ')
  .slice(1)
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

/** Radiology reports: the draft's text, signing, and who wrote and signed it. */
export const imagingReportAdapter: EntityAdapter = {
  entity: 'imaging_report',
  rank: 55,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as ReportValues;
    const { studyId, status, author, createdAt } = values;
    if (typeof studyId !== 'string' || typeof status !== 'string' || !author || typeof createdAt !== 'number') return 'pending';
    // Written against either copy of a study imported on two desks: the report is the owner's (imaging-aliases.node.ts).
    const study = ownerOf(db, STUDIES, studyId);
    if (study === null) return 'pending';
    dropClaims(db, id);
    const updatedAt = values.updatedAt ?? createdAt;
    const signed = status === 'signed';
    const signedBy = signed ? (values.signedBy ?? author) : null;
    const held = claimUnique(db, studySlot(study), id);
    if (held) db.prepare('DELETE FROM imaging_concurrent_reports WHERE id = ?').run([id]);
    db.prepare(
      held
        ? `INSERT INTO imaging_reports (${REPORT_COLUMNS}) VALUES (${REPORT_VALUES}) ON CONFLICT (id) DO UPDATE SET ${REPORT_UPDATES}`
        : `INSERT INTO imaging_concurrent_reports (${REPORT_COLUMNS}, addenda) VALUES (${REPORT_VALUES}, $addenda) ON CONFLICT (id) DO UPDATE SET ${REPORT_UPDATES}, addenda = excluded.addenda`,
    ).run({
      ...(held ? {} : { addenda: JSON.stringify(addendaOf(db, id)) }),
      id,
      studyId: study,
      status,
      findings: values.findings ?? '',
      impression: values.impression ?? '',
      authorId: author.id,
      authorName: author.name,
      signedAt: signed ? (values.signedAt ?? updatedAt) : null,
      signedBy: signedBy?.id ?? null,
      signedByName: signedBy?.name ?? null,
      createdAt,
      updatedAt,
    });
    return 'written';
  },
};

export const imagingReportAddendumAdapter: EntityAdapter = {
  entity: 'imaging_report_addendum',
  rank: 56,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const { reportId, text, author, createdAt } = valuesOf(state) as AddendumValues;
    if (typeof reportId !== 'string' || typeof text !== 'string' || !author || typeof createdAt !== 'number') return 'pending';
    if (db.prepare('SELECT 1 FROM imaging_reports WHERE id = ?', { pluck: true }).get([reportId]) === undefined) {
      // An addendum to a report kept beside its study's: it joins that report's list.
      const kept = db.prepare('UPDATE imaging_concurrent_reports SET addenda = ? WHERE id = ?').run([JSON.stringify(addendaOf(db, reportId)), reportId]);
      return kept.changes > 0 ? 'written' : 'pending';
    }
    db.prepare(
      `INSERT INTO imaging_report_addenda (id, report_id, text, author_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET report_id = excluded.report_id, text = excluded.text, author_id = excluded.author_id, author_name = excluded.author_name, created_at = excluded.created_at`,
    ).run([id, reportId, text, author.id, author.name, createdAt]);
    return 'written';
  },
};

/** A report's addenda as their replicated states have them, oldest first: for a report kept beside its study's. */
function addendaOf(db: Database, reportId: string): Addendum[] {
  const states = db
    .prepare("SELECT entity_id, state FROM sync_entity_state WHERE entity = 'imaging_report_addendum' AND json_extract(state, '$.reportId[1]') = ?")
    .all<{ entity_id: string; state: string }>([reportId]);
  return states
    .map(({ entity_id: id, state }) => ({ id, ...(valuesOf(JSON.parse(state) as FieldState) as AddendumValues) }))
    .filter((addendum): addendum is Addendum => typeof addendum.text === 'string' && addendum.author !== undefined && typeof addendum.createdAt === 'number')
    .map(({ id, text, author, createdAt }) => ({ id, text, author: { id: author.id, name: author.name }, createdAt }))
    .sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
}

type Marks = { annotations: Annotation[]; keyImages: KeyImage[]; updatedAt: number; updatedBy: string; hlc: string; copy: string };

/**
 * The viewer's measurements and key images of a study (entity id: the study's),
 * once the study and every image they mark have arrived. A study imported on
 * two desks apart shows the marks of both copies on the owner's row, each
 * pointing at the owner's image with the same SOP Instance UID: a measurement
 * in both (same id) as last saved, key images once each.
 */
export const imagingAnnotationsAdapter: EntityAdapter = {
  entity: 'imaging_annotations',
  rank: 57,
  materialize(context: MaterializeContext, studyId: string, state: FieldState): Outcome {
    const { db } = context;
    if (!marksOf(studyId, state)) return 'pending';
    const owner = ownerOf(db, STUDIES, studyId);
    if (owner === null) return 'pending';
    const copies: Marks[] = [];
    // This copy counts even before its study has been recorded as an alias.
    for (const copy of new Set([...studyCopies(db, owner), studyId])) {
      const marks = marksOf(copy, copy === studyId ? state : readState(db, 'imaging_annotations', copy));
      if (marks) copies.push(marks);
    }
    copies.sort((x, y) => (x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : x.copy < y.copy ? -1 : 1));
    const image = new Map<string, string | null>();
    const imageOf = (instanceId: string) => {
      if (!image.has(instanceId)) image.set(instanceId, ownerOf(db, INSTANCES, instanceId));
      return image.get(instanceId)!;
    };
    const annotations = new Map<string, Annotation>();
    const keyImages = new Map<string, KeyImage>();
    for (const copy of copies) {
      for (const annotation of copy.annotations) {
        const instanceId = imageOf(annotation.instanceId);
        if (instanceId === null) return 'pending';
        annotations.delete(annotation.id);
        annotations.set(annotation.id, { ...annotation, instanceId });
      }
      for (const key of copy.keyImages) {
        const instanceId = imageOf(key.instanceId);
        if (instanceId === null) return 'pending';
        keyImages.set(`${instanceId}#${key.frame}`, { ...key, instanceId });
      }
    }
    const last = copies.at(-1)!;
    // A single copy keeps its lists exactly as saved.
    const only = copies.length === 1 ? last : null;
    db.prepare(
      `INSERT INTO imaging_annotations (study_id, annotations, key_images, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (study_id) DO UPDATE SET annotations = excluded.annotations, key_images = excluded.key_images, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run([
      owner,
      JSON.stringify(only ? only.annotations.map((annotation) => ({ ...annotation, instanceId: imageOf(annotation.instanceId) })) : [...annotations.values()]),
      JSON.stringify(only ? only.keyImages.map((key) => ({ ...key, instanceId: imageOf(key.instanceId) })) : [...keyImages.values()]),
      Math.max(...copies.map((copy) => copy.updatedAt)),
      last.updatedBy,
    ]);
    return 'written';
  },
};

function marksOf(copy: string, state: FieldState | null): Marks | null {
  if (!state) return null;
  const { annotations, keyImages, updatedAt, updatedBy } = valuesOf(state) as AnnotationValues;
  if (!Array.isArray(annotations) || !Array.isArray(keyImages) || typeof updatedAt !== 'number' || typeof updatedBy !== 'string') return null;
  const hlc = [state.annotations![0], state.keyImages![0]].sort().at(-1)!;
  return { annotations, keyImages, updatedAt, updatedBy, hlc, copy };
}
