import type Database from '@signalapp/sqlcipher';
import { describe, expect, it } from 'vitest';
import { chartQueries } from '../../../main/chart/queries.node.ts';
import { imagingQueries } from '../../../main/imaging/queries.node.ts';
import type { InstanceMetadata } from '../../../main/imaging/import/metadata.ts';
import { patientQueries } from '../../../main/patients/queries.node.ts';
import type { PatientFields } from '../../../main/patients/rows.node.ts';
import { applyBatch } from '../../../main/sync/apply.node.ts';
import type { Batch, WireChange } from '../../../main/sync/batch.ts';
import { audit, stationsPerTest } from './helpers.ts';

const station = stationsPerTest('cw-sync-content-');

const write = <T>(db: Database, run: () => T): T => db.transaction(run)();
const patientFields = (fullName: string): PatientFields =>
  ({ fullName, familyName: null, givenName: null, sex: 'female', birthDate: '1980-01-01', phones: [], identifier: null, address: null, insurance: null, emergencyContact: null, allergies: 'unknown', notes: null }) as unknown as PatientFields;
const encounterFields = { at: Date.UTC(2025, 0, 2), providerId: null, appointmentId: null, chiefComplaint: 'Cough', subjective: '', objective: '', assessment: '', plan: '', diagnoses: [{ code: 'J20.9', text: 'Acute bronchitis' }], orders: '' };

/** Each store's outbox after `from`, as the numbered batches it pushes. */
const batches = new Map<Database, { sent: number; object: number }>();
function nextBatch(db: Database, workstation: string): Batch {
  const at = batches.get(db) ?? { sent: 0, object: 0 };
  const rows = db
    .prepare('SELECT seq, hlc, entity, entity_id, op, fields FROM outbox WHERE seq > ? ORDER BY seq')
    .all<{ seq: number; hlc: string; entity: string; entity_id: string; op: WireChange['op']; fields: string }>([at.sent]);
  const next = { sent: rows.at(-1)?.seq ?? at.sent, object: at.object + 1 };
  batches.set(db, next);
  return { version: 1, workstation, object: next.object, changes: rows.map((row) => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> })) };
}

const apply = (db: Database, ...list: Batch[]) => {
  for (const batch of list) expect(applyBatch(db, 't', batch, Date.now()).applied).toBe(true);
};
const rows = (db: Database, sql: string, params: string[] = []) => db.prepare(sql).all(params);

function study(uid: string, patientId = 'P1'): InstanceMetadata {
  return {
    patient: { name: 'LI^NA', patientId, issuer: '', birthDate: '1980-01-01', sex: 'female', otherIds: [] },
    study: { uid, date: '20250102', time: null, accession: 'A1', description: 'CT CHEST', referring: '' },
    series: { uid: `${uid}.1`, modality: 'CT', number: 1, description: '', bodyPart: 'CHEST' },
    instance: { sopInstanceUid: `${uid}.1.1`, sopClassUid: '1.2.840.10008.5.1.4.1.1.2', transferSyntaxUid: '1.2.840.10008.1.2.1', frames: 1, rows: 512, columns: 512, instanceNumber: 1, slicePosition: 0 },
  };
}

describe('encounters', () => {
  it('keep the addenda written on two desks at once, whatever order the batches arrive in', () => {
    const [a, b, c] = [station('ws-a'), station('ws-b'), station('ws-c')];
    const patient = write(a, () => patientQueries.register(a, patientFields('赵敏'), true, audit()));
    const note = write(a, () => chartQueries.createEncounter(a, patient.id, encounterFields, audit()));
    write(a, () => chartQueries.signEncounter(a, note.id, note.updatedAt, audit('record.sign')));
    const first = nextBatch(a, 'ws-a');
    apply(b, first);
    write(a, () => chartQueries.addAddendum(a, note.id, 'Chest X-ray normal.', audit('record.update')));
    write(b, () => chartQueries.addAddendum(b, note.id, 'Called the patient.', audit('record.update')));
    const [fromA, fromB] = [nextBatch(a, 'ws-a'), nextBatch(b, 'ws-b')];
    apply(c, fromB, first, fromA);
    apply(a, fromB);
    apply(b, fromA);
    const texts = (db: Database) => rows(db, 'SELECT text FROM encounter_addenda ORDER BY text');
    expect(texts(c)).toEqual([{ text: 'Called the patient.' }, { text: 'Chest X-ray normal.' }]);
    for (const db of [a, b]) {
      expect(texts(db)).toEqual(texts(c));
      expect(rows(db, 'SELECT * FROM encounters')).toEqual(rows(c, 'SELECT * FROM encounters'));
    }
    expect(rows(c, 'SELECT code FROM encounter_diagnoses')).toEqual([{ code: 'J20.9' }]);
  });

  it('a discarded draft stays removed with its reason; a document filed under a note waits for it', () => {
    const [a, c] = [station('ws-a'), station('ws-c')];
    const patient = write(a, () => patientQueries.register(a, patientFields('周芷若'), true, audit()));
    const patientBatch = nextBatch(a, 'ws-a');
    const note = write(a, () => chartQueries.createEncounter(a, patient.id, encounterFields, audit()));
    // The note and its document arrive in separate objects, the document's first (another desk relayed it).
    const content = { mediaType: 'application/pdf' as const, size: 10, blobHash: 'a'.repeat(64) };
    const document = write(a, () => chartQueries.attachDocument(a, patient.id, { title: 'Lab', kind: 'lab', date: '2025-01-02', encounterId: note.id }, content, audit()));
    const all = nextBatch(a, 'ws-a');
    const onlyDocument: Batch = { ...all, changes: all.changes.filter((change) => change.entity === 'document') };
    apply(c, patientBatch);
    expect(applyBatch(c, 't', { ...onlyDocument, workstation: 'ws-relay', object: 1 }, Date.now()).applied).toBe(true);
    expect(rows(c, 'SELECT entity FROM sync_pending')).toEqual([{ entity: 'document' }]);
    expect(rows(c, 'SELECT blob_hash FROM chart_documents')).toEqual([]);
    apply(c, all);
    expect(rows(c, 'SELECT * FROM sync_pending')).toEqual([]);
    expect(rows(c, 'SELECT blob_hash FROM chart_documents WHERE id = ?', [document.id])).toEqual([{ blob_hash: content.blobHash }]);
    // Its file is wanted from the bucket.
    expect(rows(c, 'SELECT hash FROM sync_blob_wanted')).toEqual([{ hash: content.blobHash }]);

    write(a, () => chartQueries.removeDocument(a, document.id, 'wrong chart', audit('record.delete')));
    write(a, () => chartQueries.discardEncounter(a, note.id, 'opened by mistake', audit('record.delete')));
    apply(c, nextBatch(a, 'ws-a'));
    expect(rows(c, 'SELECT error_reason FROM encounters')).toEqual([{ error_reason: 'opened by mistake' }]);
    expect(rows(c, 'SELECT error_reason FROM chart_documents')).toEqual([{ error_reason: 'wrong chart' }]);
    expect(rows(c, 'SELECT * FROM encounters')).toEqual(rows(a, 'SELECT * FROM encounters'));
    expect(rows(c, 'SELECT * FROM chart_documents')).toEqual(rows(a, 'SELECT * FROM chart_documents'));
  });
});

describe('imaging', () => {
  it('a study linked to a chart that has not arrived waits, then follows the chart through a merge', () => {
    const [a, c] = [station('ws-a'), station('ws-c')];
    const survivor = write(a, () => patientQueries.register(a, patientFields('张三丰'), true, audit()));
    const duplicate = write(a, () => patientQueries.register(a, patientFields('张三丰'), true, audit()));
    const patients = nextBatch(a, 'ws-a');
    write(a, () => imagingQueries.indexInstance(a, study('2.25.1'), { hash: 'b'.repeat(64), size: 1000 }, audit('imaging.import')));
    const studyId = (rows(a, 'SELECT id FROM imaging_studies')[0] as { id: string }).id;
    write(a, () => imagingQueries.linkStudy(a, studyId, duplicate.id, true, 'desk', audit('imaging.link')));
    const imported = nextBatch(a, 'ws-a');
    // The study's batch relayed ahead of the charts.
    apply(c, { ...imported, workstation: 'ws-relay', object: 1 });
    expect(rows(c, 'SELECT entity FROM sync_pending ORDER BY entity')).toEqual([{ entity: 'imaging_instance' }, { entity: 'imaging_series' }, { entity: 'imaging_study' }]);
    apply(c, patients, imported);
    expect(rows(c, 'SELECT * FROM sync_pending')).toEqual([]);
    expect(rows(c, 'SELECT patient_id, link_reason FROM imaging_studies')).toEqual([{ patient_id: duplicate.id, link_reason: 'manual' }]);

    write(a, () => patientQueries.merge(a, survivor.id, duplicate.id, audit('record.merge')));
    apply(c, nextBatch(a, 'ws-a'));
    expect(rows(c, 'SELECT patient_id FROM imaging_studies')).toEqual([{ patient_id: survivor.id }]);
    const columns = 'SELECT id, study_uid, patient_id, link_reason, linked_at, study_date, accession, created_at, updated_at FROM imaging_studies';
    expect(rows(c, columns)).toEqual(rows(a, columns));
    expect(rows(c, 'SELECT * FROM imaging_instances')).toEqual(rows(a, 'SELECT * FROM imaging_instances'));
  });

  it('reports drafted for one study on two desks: the same report holds it everywhere, the other waits', () => {
    const [a, b] = [station('ws-a'), station('ws-b')];
    write(a, () => imagingQueries.indexInstance(a, study('2.25.7'), { hash: 'c'.repeat(64), size: 1000 }, audit('imaging.import')));
    apply(b, nextBatch(a, 'ws-a'));
    const studyId = rows(a, 'SELECT id FROM imaging_studies')[0] as { id: string };
    const reporter = (name: string) => ({ id: `u-${name}`, name });
    const mine = write(a, () => imagingQueries.saveDraft(a, studyId.id, { findings: 'A', impression: 'Normal.' }, null, reporter('lin'), audit('imaging.report')));
    const theirs = write(b, () => imagingQueries.saveDraft(b, studyId.id, { findings: 'B', impression: 'Nodule.' }, null, reporter('wu'), audit('imaging.report')));
    apply(a, nextBatch(b, 'ws-b'));
    apply(b, nextBatch(a, 'ws-a'));
    const winner = [mine.id, theirs.id].sort()[0]!;
    for (const db of [a, b]) {
      expect(rows(db, 'SELECT id FROM imaging_reports')).toEqual([{ id: winner }]);
      expect(rows(db, 'SELECT entity_id FROM sync_claims')).toEqual([{ entity_id: [mine.id, theirs.id].sort()[1] }]);
    }
    expect(rows(a, 'SELECT * FROM imaging_reports')).toEqual(rows(b, 'SELECT * FROM imaging_reports'));
  });

  it('the same study imported on two desks apart is one study everywhere, with what was written on either copy', () => {
    const [a, b, c, d] = [station('ws-a'), station('ws-b'), station('ws-c'), station('ws-d')];
    const patient = write(a, () => patientQueries.register(a, patientFields('黄蓉'), true, audit()));
    const patients = nextBatch(a, 'ws-a');
    apply(b, patients);
    const shared = study('2.25.30');
    const extra: InstanceMetadata = { ...shared, instance: { ...shared.instance, sopInstanceUid: '2.25.30.1.2', instanceNumber: 2 } };
    // The same file on both desks; desk b's copy of it was written differently (other bytes, other blob).
    write(a, () => imagingQueries.indexInstance(a, shared, { hash: 'e'.repeat(64), size: 1000 }, audit('imaging.import')));
    write(b, () => imagingQueries.indexInstance(b, shared, { hash: 'f'.repeat(64), size: 1001 }, audit('imaging.import')));
    write(b, () => imagingQueries.indexInstance(b, extra, { hash: '9'.repeat(64), size: 1000 }, audit('imaging.import')));
    const copyOf = (db: Database) => rows(db, 'SELECT se.study_id, i.id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id ORDER BY i.sop_instance_uid')[0] as { study_id: string; id: string };
    const [onA, onB] = [copyOf(a), copyOf(b)];
    expect(onA.study_id).not.toBe(onB.study_id);
    write(a, () => imagingQueries.linkStudy(a, onA.study_id, patient.id, true, 'desk', audit('imaging.link')));
    const reporter = (name: string) => ({ id: `u-${name}`, name });
    const reportA = write(a, () => imagingQueries.saveDraft(a, onA.study_id, { findings: 'A', impression: 'Normal.' }, null, reporter('lin'), audit('imaging.report')));
    const reportB = write(b, () => imagingQueries.saveDraft(b, onB.study_id, { findings: 'B', impression: 'Nodule.' }, null, reporter('wu'), audit('imaging.report')));
    write(b, () => imagingQueries.signReport(b, onB.study_id, reportB.updatedAt, reporter('wu'), audit('imaging.report')));
    const addendumB = write(b, () => imagingQueries.addAddendum(b, onB.study_id, 'Compare with the prior CT.', reporter('wu'), audit('imaging.report'))).addenda[0]!;
    const length = (id: string, instanceId: string) => ({ id, tool: 'length' as const, instanceId, frame: 0, points: [{ x: 1, y: 1 }, { x: 9, y: 9 }] });
    write(a, () => imagingQueries.saveAnnotations(a, onA.study_id, [length('m-a', onA.id)], [{ instanceId: onA.id, frame: 0 }], 'lin', audit('imaging.annotations')));
    write(b, () => imagingQueries.saveAnnotations(b, onB.study_id, [length('m-b', onB.id)], [{ instanceId: onB.id, frame: 0 }], 'wu', audit('imaging.annotations')));
    const [fromA, fromB] = [nextBatch(a, 'ws-a'), nextBatch(b, 'ws-b')];
    apply(a, fromB);
    apply(b, fromA);
    apply(c, fromB);
    apply(c, patients, fromA);
    apply(d, patients, fromA, fromB);

    const owner = [onA.study_id, onB.study_id].sort()[0]!;
    const image = [onA, onB].sort((x, y) => (x.id < y.id ? -1 : 1))[0]!;
    // The patient-as-found row is each desk's own; its demographics (the match key) are the same.
    const studyColumns = 'SELECT s.id, s.study_uid, p.match_key, s.patient_id, s.link_reason, s.linked_at, s.study_date, s.accession, s.created_at, s.updated_at, s.deleted_at FROM imaging_studies s JOIN imaging_patients p ON p.id = s.imaging_patient_id';
    for (const db of [a, b, c, d]) {
      expect(rows(db, 'SELECT * FROM sync_pending')).toEqual([]);
      expect(rows(db, 'SELECT id, patient_id FROM imaging_studies')).toEqual([{ id: owner, patient_id: patient.id }]);
      expect(rows(db, 'SELECT study_id FROM imaging_series')).toEqual([{ study_id: owner }]);
      // One image per SOP Instance UID: the shared one is the owner copy's, with its file; desk b's extra image joins it.
      expect(rows(db, 'SELECT id, blob_hash FROM imaging_instances ORDER BY sop_instance_uid')).toEqual([
        { id: image.id, blob_hash: image === onA ? 'e'.repeat(64) : 'f'.repeat(64) },
        { id: expect.any(String), blob_hash: '9'.repeat(64) },
      ]);
      expect(rows(db, 'SELECT id, study_id FROM imaging_reports')).toEqual([{ id: [reportA.id, reportB.id].sort()[0], study_id: owner }]);
      const marks = rows(db, 'SELECT study_id, annotations, key_images FROM imaging_annotations')[0] as { study_id: string; annotations: string; key_images: string };
      expect(marks.study_id).toBe(owner);
      expect((JSON.parse(marks.annotations) as { id: string; instanceId: string }[]).map((mark) => [mark.id, mark.instanceId]).sort()).toEqual([
        ['m-a', image.id],
        ['m-b', image.id],
      ]);
      expect(JSON.parse(marks.key_images)).toEqual([{ instanceId: image.id, frame: 0 }]);
      // Desk b's signed report, with its addendum, is kept read-only beside the study's report, whichever path got it there.
      const shown = write(db, () => imagingQueries.getReport(db, owner, audit('record.read')))!;
      expect(shown.id).toBe([reportA.id, reportB.id].sort()[0]);
      expect(shown.concurrent).toEqual([
        expect.objectContaining({ id: [reportA.id, reportB.id].sort()[1], status: 'signed', impression: 'Nodule.', addenda: [expect.objectContaining({ id: addendumB.id, text: 'Compare with the prior CT.' })] }),
      ]);
      expect(rows(db, 'SELECT * FROM imaging_report_addenda')).toEqual([]);
      for (const table of ['imaging_series', 'imaging_instances', 'imaging_reports', 'imaging_concurrent_reports', 'imaging_annotations']) expect(rows(db, `SELECT * FROM ${table} ORDER BY 1`)).toEqual(rows(d, `SELECT * FROM ${table} ORDER BY 1`));
      expect(rows(db, studyColumns)).toEqual(rows(d, studyColumns));
    }
    expect(rows(d, 'SELECT kind, entity_id FROM sync_claims WHERE kind = ?', ['imaging_study.uid'])).toEqual([{ kind: 'imaging_study.uid', entity_id: [onA.study_id, onB.study_id].sort()[1] }]);
    // The other report also waits for its study's slot.
    const other = [reportA.id, reportB.id].sort()[1]!;
    expect(rows(d, "SELECT entity_id FROM sync_entity_state WHERE entity = 'imaging_report'").map((row) => (row as { entity_id: string }).entity_id).sort()).toEqual([reportA.id, reportB.id].sort());
    expect(rows(d, 'SELECT entity_id FROM sync_claims WHERE kind = ?', ['imaging_report.study'])).toEqual([{ entity_id: other }]);

    // On the merged study a reader removes desk b's measurement and the key image: gone everywhere, not brought back by b's copy.
    write(c, () => imagingQueries.saveAnnotations(c, owner, [length('m-a', image.id)], [], 'zhao', audit('imaging.annotations')));
    const fromC = nextBatch(c, 'ws-c');
    for (const db of [a, b, d]) apply(db, fromC);
    for (const db of [a, b, c, d]) {
      const marks = rows(db, 'SELECT annotations, key_images FROM imaging_annotations')[0] as { annotations: string; key_images: string };
      expect((JSON.parse(marks.annotations) as { id: string }[]).map((mark) => mark.id)).toEqual(['m-a']);
      expect(JSON.parse(marks.key_images)).toEqual([]);
    }
  });

  it('annotations wait for the images they mark', () => {
    const [a, c] = [station('ws-a'), station('ws-c')];
    write(a, () => imagingQueries.indexInstance(a, study('2.25.9'), { hash: 'd'.repeat(64), size: 1000 }, audit('imaging.import')));
    const imported = nextBatch(a, 'ws-a');
    const { study_id: studyId, id: instanceId } = rows(a, 'SELECT se.study_id, i.id FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id')[0] as { study_id: string; id: string };
    write(a, () => imagingQueries.saveAnnotations(a, studyId, [{ id: 'm1', tool: 'length', instanceId, frame: 0, points: [{ x: 1, y: 1 }, { x: 9, y: 9 }] }], [{ instanceId, frame: 0 }], 'lin', audit('imaging.annotations')));
    const marked = nextBatch(a, 'ws-a');
    apply(c, { ...marked, workstation: 'ws-relay', object: 1 });
    expect(rows(c, 'SELECT entity FROM sync_pending')).toEqual([{ entity: 'imaging_annotations' }]);
    apply(c, imported, marked);
    expect(rows(c, 'SELECT * FROM sync_pending')).toEqual([]);
    expect(rows(c, 'SELECT * FROM imaging_annotations')).toEqual(rows(a, 'SELECT * FROM imaging_annotations'));
  });
});
