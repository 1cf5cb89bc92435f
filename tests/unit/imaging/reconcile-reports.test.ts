import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFile, NAME_GB18030, writeFiles } from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let inbox: string;

beforeAll(async () => {
  clinic = await patientClinic();
  inbox = await mkdtemp(join(tmpdir(), 'cw-recon-'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(inbox, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

async function importOne(options: Parameters<typeof dicomFile>[0]) {
  const dir = await mkdtemp(join(inbox, 'one-'));
  await writeFiles(dir, [dicomFile(options)]);
  const report = await clinic.services.imports.run(null, [dir]);
  return report.studyIds[0]!;
}

describe('reconciliation', () => {
  it('shows the likely chart with its mismatches and links only once they are acknowledged', async () => {
    const chart = await clinic.ok('frontdesk', 'patients.register', { patient: { fullName: '张三', sex: 'male', birthDate: '1980-01-01' }, confirmedNotDuplicate: true });
    const studyId = await importOne({ patientName: NAME_GB18030, patientId: chart.mrn, birthDate: '19800102', sex: 'M' });
    const [item] = (await clinic.ok('frontdesk', 'imaging.reconcile.list', {})).filter((i) => i.study.id === studyId);
    expect(item!.candidate).toMatchObject({ patientId: chart.id, reason: 'mrn', mismatches: ['birthDate'] });

    const refused = await clinic.call('frontdesk', 'imaging.reconcile.link', { studyId, patientId: chart.id });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'mismatch', fields: 'birthDate' } });
    const linked = await clinic.ok('frontdesk', 'imaging.reconcile.link', { studyId, patientId: chart.id, acknowledgeMismatches: true });
    expect(linked).toMatchObject({ patientId: chart.id, linkReason: 'manual', mismatches: ['birthDate'] });
    // The chart keeps its own birth date.
    expect((await clinic.ok('frontdesk', 'patients.get', { id: chart.id })).birthDate).toBe('1980-01-01');

    const unlinked = await clinic.ok('frontdesk', 'imaging.reconcile.unlink', { studyId });
    expect(unlinked.patientId).toBeNull();
  });

  it('creates a chart from a study and links it; a merge carries the study to the survivor', async () => {
    const studyId = await importOne({ patientName: 'LI^SI', patientId: 'EXT-77', birthDate: '19900202', sex: 'F' });
    const linked = await clinic.ok('frontdesk', 'imaging.reconcile.createPatient', {
      studyId,
      patient: { fullName: 'LI SI', sex: 'female', birthDate: '1990-02-02' },
      confirmedNotDuplicate: true,
    });
    expect(linked).toMatchObject({ linkReason: 'created', mismatches: [] });
    const survivor = await clinic.ok('frontdesk', 'patients.register', { patient: { fullName: 'LI SI', sex: 'female', birthDate: '1990-02-02' }, confirmedNotDuplicate: true });
    await clinic.ok('admin', 'patients.merge', { survivorId: survivor.id, duplicateId: linked.patientId! });
    expect((await clinic.ok('physician', 'imaging.studies.list', { patientId: survivor.id })).map((s) => s.id)).toEqual([studyId]);
  });
});

describe('reports', () => {
  it('drafts, signs (then read-only), takes addenda, and shows signed reports to the chart', async () => {
    const chart = await clinic.ok('frontdesk', 'patients.register', { patient: { fullName: '赵六', sex: 'male', birthDate: '1970-07-07' }, confirmedNotDuplicate: true });
    const studyId = await importOne({ patientName: 'ZHAO^LIU', patientId: chart.mrn, birthDate: '19700707', sex: 'M' });
    expect(await clinic.ok('radiologist', 'imaging.reports.get', { studyId })).toBeNull();
    const forbidden = await clinic.call('physician', 'imaging.reports.saveDraft', { studyId, findings: 'x', impression: 'y', expectedUpdatedAt: null });
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');

    const draft = await clinic.ok('radiologist', 'imaging.reports.saveDraft', { studyId, findings: '脑实质未见异常。', impression: '', expectedUpdatedAt: null });
    const empty = await clinic.call('radiologist', 'imaging.reports.sign', { studyId, expectedUpdatedAt: draft.updatedAt });
    expect(!empty.ok && empty.error.fields?.[0]?.path).toBe('impression');
    const stale = await clinic.call('radiologist', 'imaging.reports.saveDraft', { studyId, findings: 'a', impression: 'b', expectedUpdatedAt: draft.updatedAt - 1 });
    expect(!stale.ok && stale.error.details?.reason).toBe('stale');
    const second = await clinic.ok('radiologist', 'imaging.reports.saveDraft', { studyId, findings: '脑实质未见异常。', impression: '未见异常。', expectedUpdatedAt: draft.updatedAt });
    expect(await clinic.ok('physician', 'imaging.reports.forPatient', { patientId: chart.id })).toEqual([]);

    const signed = await clinic.ok('radiologist', 'imaging.reports.sign', { studyId, expectedUpdatedAt: second.updatedAt });
    expect(signed).toMatchObject({ status: 'signed', signedBy: { name: 'radiologist' } });
    const edit = await clinic.call('radiologist', 'imaging.reports.saveDraft', { studyId, findings: 'changed', impression: 'changed', expectedUpdatedAt: signed.updatedAt });
    expect(!edit.ok && edit.error.details?.reason).toBe('signed');
    const withAddendum = await clinic.ok('radiologist', 'imaging.reports.addAddendum', { studyId, text: '补充：随访三个月。' });
    expect(withAddendum.addenda.map((a) => a.text)).toEqual(['补充：随访三个月。']);

    const inChart = await clinic.ok('physician', 'imaging.reports.forPatient', { patientId: chart.id });
    expect(inChart).toHaveLength(1);
    expect(inChart[0]!.report).toMatchObject({ impression: '未见异常。', status: 'signed' });
    expect((await clinic.ok('physician', 'imaging.studies.list', { patientId: chart.id }))[0]!.reportStatus).toBe('signed');
  });
});
