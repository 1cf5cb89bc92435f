import { describe, expect, it } from 'vitest';
import { localMidnight } from '../../../main/chart/timeline.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { HOUR, auditRows, useChartClinic } from './helpers.ts';

const DAY = 24 * HOUR;

describe('chart timeline', () => {
  const clinic = useChartClinic();

  it('shows every kind of entry in date order, newest first, and audits the read', async () => {
    const c = clinic();
    const now = c.clock.now();
    const slot = Math.ceil((now + DAY) / 60_000) * 60_000;
    const appointment = await c.ok('frontdesk', 'schedule.appointments.book', { patientId: c.patientId, providerId: c.providerId, start: slot, end: slot + 20 * 60_000, reason: '复诊' });
    const encounter = await c.ok('physician', 'chart.encounters.create', {
      patientId: c.patientId,
      encounter: { at: now - 2 * DAY, chiefComplaint: 'Headache', diagnoses: [{ code: 'R51', text: '头痛' }] },
    });
    const vitals = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now - 2 * DAY + 60_000, systolic: 150, diastolic: 95 } });
    const problem = await c.ok('physician', 'chart.problems.create', { patientId: c.patientId, problem: { code: 'I10', text: '高血压', onset: '2015-04-01' } });
    const medication = await c.ok('physician', 'chart.medications.create', { patientId: c.patientId, medication: { name: 'Amlodipine', dose: '5 mg', frequency: 'qd', start: '2016-01-01' } });
    c.clock.advance(1_000);
    const allergy = await c.ok('nurse', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: 'Penicillin', reaction: 'Rash' } });

    const before = auditRows(c).length;
    const chart = await c.ok('radiologist', 'chart.get', { patientId: c.patientId });
    expect(chart.timeline.map((entry) => [entry.kind, entry.id])).toEqual([
      ['appointment', appointment.id],
      ['allergy', allergy.id],
      ['vitals', vitals.id],
      ['encounter', encounter.id],
      ['medication', medication.id],
      ['problem', problem.id],
    ]);
    expect(chart.timeline[0]).toMatchObject({ title: '复诊', detail: '王医生 (内科)', status: 'booked', dateOnly: false });
    expect(chart.timeline.find((entry) => entry.kind === 'encounter')).toMatchObject({ title: 'Headache', detail: 'R51 头痛', status: 'draft' });
    expect(chart.timeline.find((entry) => entry.kind === 'problem')).toMatchObject({ at: localMidnight('2015-04-01'), dateOnly: true, title: 'I10 高血压', status: 'active' });
    expect(chart.timeline.find((entry) => entry.kind === 'medication')).toMatchObject({ title: 'Amlodipine', detail: '5 mg qd' });

    const read = auditRows(c).slice(before);
    expect(read).toEqual([{ action: 'record.read', entity_type: 'chart', entity_id: c.patientId, patient_id: c.patientId, username: 'radiologist', detail: null }]);
  });

  it('orders equal times by kind, then id, the same on every read', async () => {
    const c = clinic();
    const at = c.clock.now() - HOUR;
    const second = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at, heartRate: 70 } });
    const first = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at, heartRate: 71 } });
    const encounter = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: { at } });
    const ids = [second.id, first.id].sort();
    const timeline = (await c.ok('physician', 'chart.get', { patientId: c.patientId })).timeline;
    expect(timeline.map((entry) => entry.id)).toEqual([encounter.id, ...ids]);
    expect((await c.ok('physician', 'chart.get', { patientId: c.patientId })).timeline).toEqual(timeline);
  });

  it('includes the patient’s linked imaging studies and signed reports, not drafts or unlinked studies', async () => {
    const c = clinic();
    const now = c.clock.now();
    // The imaging capability's tables (migration 007), written here as its import and report signing would.
    const db = openEncrypted(c.services.paths.database, c.services.vault.dbKey);
    try {
      db.prepare("INSERT INTO imaging_patients (id, match_key, created_at) VALUES ('ip1', 'k1', ?)").run([now]);
      const study = db.prepare(
        "INSERT INTO imaging_studies (id, study_uid, imaging_patient_id, patient_id, link_reason, study_date, description, created_at, updated_at) VALUES (?, ?, 'ip1', ?, ?, ?, ?, ?, ?)",
      );
      study.run(['s1', '1.2.3.1', c.patientId, 'mrn', '20240102', 'CT 头颅平扫', now, now]);
      study.run(['s2', '1.2.3.2', c.patientId, 'mrn', '20240301', 'DR 胸部', now, now]);
      study.run(['s3', '1.2.3.3', null, null, '20240401', 'Unlinked', now, now]);
      db.prepare("INSERT INTO imaging_series (id, study_id, series_uid, modality, created_at) VALUES ('se1', 's1', '1.2.3.1.1', 'CT', ?)").run([now]);
      const report = db.prepare(
        "INSERT INTO imaging_reports (id, study_id, status, findings, impression, author_id, author_name, signed_at, signed_by_name, created_at, updated_at) VALUES (?, ?, ?, '', ?, 'u', 'Dr Rad', ?, ?, ?, ?)",
      );
      report.run(['r1', 's1', 'signed', '未见异常', now - HOUR, 'Dr Rad', now, now]);
      report.run(['r2', 's2', 'draft', 'draft text', null, null, now, now]);
    } finally {
      db.close();
    }
    const timeline = (await c.ok('physician', 'chart.get', { patientId: c.patientId })).timeline;
    expect(timeline.map((entry) => [entry.kind, entry.id])).toEqual([
      ['imagingReport', 'r1'],
      ['imagingStudy', 's2'],
      ['imagingStudy', 's1'],
    ]);
    expect(timeline[2]).toMatchObject({ at: localMidnight('2024-01-02'), dateOnly: true, title: 'CT 头颅平扫', detail: 'CT' });
    expect(timeline[0]).toMatchObject({ title: '未见异常', detail: 'Dr Rad', status: 'signed' });
  });

  it('refuses a chart read of an unknown patient, and of a role outside the clinic staff', async () => {
    const c = clinic();
    expect(await c.refused('physician', 'chart.get', { patientId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await c.call('nobody', 'chart.get', { patientId: c.patientId })).ok).toBe(false);
  });

  it('moves the whole chart to the survivor of a merge', async () => {
    const c = clinic();
    const duplicate = await c.ok('frontdesk', 'patients.register', { patient: { fullName: '张三', sex: 'male', birthDate: '1970-03-04', phones: ['13800000000'] }, confirmedNotDuplicate: true });
    await c.ok('physician', 'chart.encounters.create', { patientId: duplicate.id, encounter: { at: c.clock.now() } });
    await c.ok('nurse', 'chart.vitals.record', { patientId: duplicate.id, vitals: { at: c.clock.now(), weight: 70 } });
    await c.ok('physician', 'chart.problems.create', { patientId: duplicate.id, problem: { code: 'E11.9', text: '2型糖尿病' } });
    await c.ok('nurse', 'chart.allergies.create', { patientId: duplicate.id, allergy: { substance: 'Sulfa' } });
    await c.ok('physician', 'chart.medications.create', { patientId: duplicate.id, medication: { name: 'Metformin' } });

    await c.ok('admin', 'patients.merge', { survivorId: c.patientId, duplicateId: duplicate.id });
    const chart = await c.ok('physician', 'chart.get', { patientId: c.patientId });
    expect([chart.encounters.length, chart.vitals.length, chart.problems.length, chart.allergies.length, chart.medications.length]).toEqual([1, 1, 1, 1, 1]);
    expect(await c.refused('physician', 'chart.encounters.create', { patientId: duplicate.id, encounter: { at: c.clock.now() } })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'merged' },
    });
  });
});
