import { createHash, randomBytes } from 'node:crypto';
import { chartQueries } from '../../../main/chart/queries.node.ts';
import type { InstanceMetadata } from '../../../main/imaging/import/metadata.ts';
import { imagingQueries } from '../../../main/imaging/queries.node.ts';
import type { TestWorkstation } from './sync-workstation.ts';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

const COMPLAINTS = ['头痛三天', 'Chest pain on exertion', '咳嗽', 'Follow-up'];
const DIAGNOSES = [
  { code: 'R51', text: 'Headache' },
  { code: 'J20.9', text: 'Acute bronchitis' },
  { code: 'I10', text: 'Essential hypertension' },
];
const REPORTERS = [{ id: 'u-rad-1', name: 'Dr Lin' }];

const column = (ws: TestWorkstation, sql: string, params: (string | number)[] = []) => ws.db.prepare(sql, { pluck: true }).all(params) as string[];
const livePatients = (ws: TestWorkstation) => column(ws, 'SELECT id FROM patients WHERE merged_into IS NULL ORDER BY id');
const encountersWith = (ws: TestWorkstation, status: 'draft' | 'signed') => column(ws, 'SELECT id FROM encounters WHERE status = ? AND error_reason IS NULL ORDER BY id', [status]);
const updatedAt = (ws: TestWorkstation, table: string, id: string) => ws.db.prepare(`SELECT updated_at FROM ${table} WHERE id = ?`, { pluck: true }).get([id]) as number;
const studies = (ws: TestWorkstation) => column(ws, 'SELECT id FROM imaging_studies WHERE deleted_at IS NULL ORDER BY id');

let uidCounter = 0;

/** A DICOM instance's index metadata, with UIDs no other workstation uses (the same object imported on two desks is another matter). */
function instanceMetadata(ws: TestWorkstation, random: Random, study: { uid: string } | null, series: { uid: string } | null): InstanceMetadata {
  const next = () => `2.25.${parseInt(ws.id.replaceAll('-', '').slice(-12), 16)}.${++uidCounter}`;
  const mrn = random() < 0.6 ? pick(random, column(ws, 'SELECT mrn FROM patients WHERE merged_into IS NULL ORDER BY id')) : undefined;
  return {
    patient: { name: 'ZHANG^WEI', patientId: mrn ?? `X${Math.floor(random() * 100)}`, issuer: '', birthDate: '1970-01-01', sex: 'male', otherIds: [] },
    study: { uid: study?.uid ?? next(), date: '20240102', time: '101500', accession: `A${Math.floor(random() * 1000)}`, description: 'CT HEAD', referring: 'WU^LEI' },
    series: { uid: series?.uid ?? next(), modality: pick(random, ['CT', 'MR', 'CR'])!, number: 1 + Math.floor(random() * 5), description: 'AX', bodyPart: 'HEAD' },
    instance: {
      sopInstanceUid: next(),
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      frames: 1,
      rows: 512,
      columns: 512,
      instanceNumber: 1 + Math.floor(random() * 100),
      slicePosition: Math.round(random() * 1000) / 10,
    },
  };
}

/** Studies every desk may import on its own while apart: the same UIDs, so each desk's copy gets its own ids. */
const SHARED_STUDIES = ['2.25.4242.1', '2.25.4242.2'];

function sharedInstance(random: Random): InstanceMetadata {
  const uid = pick(random, SHARED_STUDIES)!;
  const image = 1 + Math.floor(random() * 3);
  return {
    patient: { name: 'WANG^FANG', patientId: 'S1', issuer: '', birthDate: '1961-03-04', sex: 'female', otherIds: [] },
    study: { uid, date: '20250110', time: '083000', accession: 'S-ACC', description: 'CT CHEST', referring: '' },
    series: { uid: `${uid}.1`, modality: 'CT', number: 1, description: 'AX', bodyPart: 'CHEST' },
    instance: {
      sopInstanceUid: `${uid}.1.${image}`,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      frames: 1,
      rows: 512,
      columns: 512,
      instanceNumber: image,
      slicePosition: image * 2.5,
    },
  };
}

/** The same file gives the same blob name; now and then a desk's copy of it was written differently (other bytes). */
const sharedBlob = (random: Random, metadata: InstanceMetadata) => ({
  hash: random() < 0.2 ? randomBytes(32).toString('hex') : createHash('sha256').update(metadata.instance.sopInstanceUid).digest('hex'),
  size: 400_000,
});

/**
 * One of the shared studies imported (an image of it) on this desk, then perhaps measured and
 * reported on this desk's copy of it, before the desks have met.
 */
function importSharedStudy(ws: TestWorkstation, random: Random): void {
  const metadata = sharedInstance(random);
  ws.write((db) => imagingQueries.indexInstance(db, metadata, sharedBlob(random, metadata), ws.audit('imaging.import')));
  const studyId = column(ws, 'SELECT id FROM imaging_studies WHERE study_uid = ?', [metadata.study.uid])[0];
  if (!studyId) return;
  if (random() < 0.5) {
    const instanceId = pick(random, column(ws, 'SELECT i.id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id = ? ORDER BY i.id', [studyId]))!;
    const annotation = { id: `s-${Math.floor(random() * 1e9)}`, tool: 'probe' as const, instanceId, frame: 0, points: [{ x: 5, y: 5 }] };
    ws.write((db) => imagingQueries.saveAnnotations(db, studyId, [annotation], [{ instanceId, frame: 0 }], ws.id, ws.audit('imaging.annotations')));
  }
  if (random() < 0.5 && !ws.db.prepare('SELECT 1 FROM imaging_reports WHERE study_id = ?', { pluck: true }).get([studyId])) {
    ws.write((db) => imagingQueries.saveDraft(db, studyId, { findings: `shared ${Math.floor(random() * 50)}`, impression: 'See findings.' }, null, REPORTERS[0]!, ws.audit('imaging.report')));
  }
}

/** Counts of what the edits produced, so a generator that stopped producing them fails its test. */
export type ContentSeen = Record<
  'signedEncounters' | 'addenda' | 'discarded' | 'documents' | 'instances' | 'linked' | 'signedReports' | 'annotations' | 'foldedCopies' | 'marksOnFoldedCopies',
  number
>;

/**
 * One random chart or imaging edit through the product's own store queries, as a desk would make it:
 * encounter notes (draft, edit, sign, addenda, discard), documents (attach, remove), imaging index
 * rows (import, link, unlink; the same study imported on several desks), radiology reports (on the
 * reading-room workstation, and on any desk's copy of a shared study) and annotations.
 */
export function randomContentEdit(ws: TestWorkstation, random: Random, reading: boolean): void {
  const roll = random();
  const at = () => Date.UTC(2025, 0, 1) + Math.floor(random() * 1000) * 60_000;
  if (roll < 0.14) {
    const patientId = pick(random, livePatients(ws));
    if (!patientId) return;
    ws.write((db) =>
      chartQueries.createEncounter(
        db,
        patientId,
        { at: at(), providerId: null, appointmentId: null, chiefComplaint: pick(random, COMPLAINTS)!, subjective: 'S', objective: '', assessment: '', plan: '', diagnoses: [pick(random, DIAGNOSES)!], orders: '' },
        ws.audit('record.create'),
      ),
    );
  } else if (roll < 0.24) {
    const id = pick(random, encountersWith(ws, 'draft'));
    if (!id) return;
    const current = ws.db.prepare('SELECT at, chief_complaint, subjective FROM encounters WHERE id = ?').get<{ at: number; chief_complaint: string; subjective: string }>([id])!;
    ws.write((db) =>
      chartQueries.updateEncounter(
        db,
        id,
        {
          at: current.at,
          providerId: null,
          appointmentId: null,
          chiefComplaint: random() < 0.5 ? pick(random, COMPLAINTS)! : current.chief_complaint,
          subjective: `${current.subjective} +${Math.floor(random() * 10)}`,
          objective: '',
          assessment: 'A',
          plan: random() < 0.5 ? 'rest' : 'review in 2 weeks',
          diagnoses: DIAGNOSES.filter(() => random() < 0.5),
          orders: random() < 0.3 ? 'CBC' : '',
        },
        updatedAt(ws, 'encounters', id),
        ws.audit('record.update'),
      ),
    );
  } else if (roll < 0.31) {
    const id = pick(random, encountersWith(ws, 'draft'));
    if (id) ws.write((db) => chartQueries.signEncounter(db, id, updatedAt(ws, 'encounters', id), ws.audit('record.sign')));
  } else if (roll < 0.38) {
    const id = pick(random, encountersWith(ws, 'signed'));
    if (id) ws.write((db) => chartQueries.addAddendum(db, id, `addendum ${Math.floor(random() * 100)}`, ws.audit('record.update')));
  } else if (roll < 0.42) {
    const id = pick(random, encountersWith(ws, 'draft'));
    if (id) ws.write((db) => chartQueries.discardEncounter(db, id, 'wrong patient', ws.audit('record.delete')));
  } else if (roll < 0.5) {
    const patientId = pick(random, livePatients(ws));
    if (!patientId) return;
    const encounterId = random() < 0.4 ? (pick(random, column(ws, 'SELECT id FROM encounters WHERE patient_id = ? AND error_reason IS NULL', [patientId])) ?? null) : null;
    ws.write((db) =>
      chartQueries.attachDocument(
        db,
        patientId,
        { title: 'Lab result', kind: 'lab', date: '2025-01-02', encounterId },
        { mediaType: 'application/pdf', size: 1000 + Math.floor(random() * 1000), blobHash: randomBytes(32).toString('hex') },
        ws.audit('record.create'),
      ),
    );
  } else if (roll < 0.54) {
    const id = pick(random, column(ws, 'SELECT id FROM chart_documents WHERE error_reason IS NULL ORDER BY id'));
    if (id) ws.write((db) => chartQueries.removeDocument(db, id, 'attached to the wrong chart', ws.audit('record.delete')));
  } else if (roll < 0.62) {
    importSharedStudy(ws, random);
  } else if (roll < 0.7) {
    // A new study, or more images in one this desk knows (perhaps imported elsewhere).
    const existing = random() < 0.5 ? pick(random, ws.db.prepare('SELECT study_uid AS uid FROM imaging_studies ORDER BY id').all<{ uid: string }>()) : undefined;
    const metadata = instanceMetadata(ws, random, existing ?? null, null);
    ws.write((db) => imagingQueries.indexInstance(db, metadata, { hash: randomBytes(32).toString('hex'), size: 500_000 }, ws.audit('imaging.import')));
  } else if (roll < 0.78) {
    const studyId = pick(random, studies(ws));
    const patientId = pick(random, livePatients(ws));
    if (!studyId || !patientId) return;
    if (random() < 0.7) ws.write((db) => imagingQueries.linkStudy(db, studyId, patientId, true, 'desk', ws.audit('imaging.link')));
    else ws.write((db) => imagingQueries.unlinkStudy(db, studyId, ws.audit('imaging.link')));
  } else if (roll < 0.9) {
    if (!reading) return;
    const studyId = pick(random, studies(ws));
    if (!studyId) return;
    const report = ws.db.prepare('SELECT status, updated_at FROM imaging_reports WHERE study_id = ?').get<{ status: string; updated_at: number }>([studyId]);
    const reporter = REPORTERS[0]!;
    if (!report || (report.status === 'draft' && random() < 0.5)) {
      ws.write((db) => imagingQueries.saveDraft(db, studyId, { findings: `findings ${Math.floor(random() * 50)}`, impression: 'No acute abnormality.' }, report?.updated_at ?? null, reporter, ws.audit('imaging.report')));
    } else if (report.status === 'draft') {
      ws.write((db) => imagingQueries.signReport(db, studyId, report.updated_at, reporter, ws.audit('imaging.report')));
    } else {
      ws.write((db) => imagingQueries.addAddendum(db, studyId, 'Compared with prior.', reporter, ws.audit('imaging.report')));
    }
  } else {
    const studyId = pick(random, studies(ws));
    if (!studyId) return;
    const instances = column(ws, 'SELECT i.id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id WHERE se.study_id = ? ORDER BY i.id', [studyId]);
    const instanceId = pick(random, instances);
    if (!instanceId) return;
    const annotation = { id: `a-${Math.floor(random() * 1e9)}`, tool: 'length' as const, instanceId, frame: 0, points: [{ x: 1, y: 2 }, { x: 30, y: 40 }] };
    ws.write((db) => imagingQueries.saveAnnotations(db, studyId, [annotation], random() < 0.5 ? [{ instanceId, frame: 0 }] : [], ws.id, ws.audit('imaging.annotations')));
  }
}

export function contentSeen(snapshot: Record<string, unknown[]>): ContentSeen {
  const rows = <T>(name: string) => snapshot[name] as T[];
  return {
    signedEncounters: rows<{ status: string }>('encounters').filter((row) => row.status === 'signed').length,
    addenda: rows('encounterAddenda').length,
    discarded: rows<{ error_reason: string | null }>('encounters').filter((row) => row.error_reason === 'wrong patient').length,
    documents: rows<{ error_reason: string | null }>('documents').filter((row) => row.error_reason === null).length,
    instances: rows('imagingInstances').length,
    linked: rows<{ patient_id: string | null }>('imagingStudies').filter((row) => row.patient_id !== null).length,
    signedReports: rows<{ status: string }>('imagingReports').filter((row) => row.status === 'signed').length,
    annotations: rows('imagingAnnotations').length,
    // Copies of a study imported on two desks, shown as the other copy's study.
    foldedCopies: rows<{ entity: string }>('states').filter((row) => row.entity === 'imaging_study').length - rows('imagingStudies').length,
    marksOnFoldedCopies: foldedMarks(snapshot).length,
  };
}

type StateRow = { entity: string; entity_id: string; state: string };

/** Measurements saved on a copy of a study that another copy now stands for, each with the owner's row it must show on. */
function foldedMarks(snapshot: Record<string, unknown[]>): { id: string; owner: string | undefined }[] {
  const states = snapshot['states'] as StateRow[];
  const studyRows = snapshot['imagingStudies'] as { id: string; study_uid: string }[];
  const rowIds = new Set(studyRows.map((row) => row.id));
  const uidOf = new Map(states.filter((row) => row.entity === 'imaging_study').map((row) => [row.entity_id, (JSON.parse(row.state) as { studyInstanceUid: [string, string] }).studyInstanceUid[1]]));
  return states
    .filter((row) => row.entity === 'imaging_annotations' && !rowIds.has(row.entity_id))
    .flatMap((row) => {
      const owner = studyRows.find((study) => study.study_uid === uidOf.get(row.entity_id))?.id;
      return (JSON.parse(row.state) as { annotations: [string, { id: string }[]] }).annotations[1].map((mark) => ({ id: mark.id, owner }));
    });
}

/** Ids of measurements saved on a folded copy that its owner's study does not show: must be none. */
export function lostFoldedMarks(snapshot: Record<string, unknown[]>): string[] {
  const shown = new Map((snapshot['imagingAnnotations'] as { study_id: string; annotations: string }[]).map((row) => [row.study_id, new Set((JSON.parse(row.annotations) as { id: string }[]).map((mark) => mark.id))]));
  return foldedMarks(snapshot)
    .filter((mark) => mark.owner === undefined || !shown.get(mark.owner)?.has(mark.id))
    .map((mark) => mark.id);
}
