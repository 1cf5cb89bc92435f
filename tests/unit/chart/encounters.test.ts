import { describe, expect, it } from 'vitest';
import { HOSTILE, HOUR, auditRows, outbox, useChartClinic } from './helpers.ts';

describe('encounters', () => {
  const clinic = useChartClinic();

  const note = (at: number) => ({
    at,
    chiefComplaint: '咳嗽三天 cough for 3 days',
    subjective: 'Dry cough, no fever.\nNo travel.',
    objective: 'Throat mildly red.',
    assessment: 'Viral URI',
    plan: 'Fluids, rest.',
    diagnoses: [{ code: 'j06.9', text: '急性上呼吸道感染' }],
    orders: 'Blood count',
  });

  it('writes a draft with the signed-in physician as provider, audited and captured for sync in the same call', async () => {
    const c = clinic();
    const before = await c.footprint();
    const at = c.clock.now() - HOUR;
    const encounter = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: note(at) });

    expect(encounter).toMatchObject({
      patientId: c.patientId,
      at,
      status: 'draft',
      provider: { resourceId: null, userId: c.physicianUserId, name: '王医生' },
      author: { userId: c.physicianUserId, name: '王医生' },
      // Codes are stored upper case.
      diagnoses: [{ code: 'J06.9', text: '急性上呼吸道感染' }],
      signedAt: null,
      addenda: [],
    });
    const after = await c.footprint();
    expect(after).toEqual({ ...before, audit: before.audit + 1, outbox: before.outbox + 1, encounters: before.encounters + 1, encounter_diagnoses: before.encounter_diagnoses + 1 });

    const audit = auditRows(c).at(-1)!;
    expect(audit).toMatchObject({ action: 'record.create', entity_type: 'encounter', entity_id: encounter.id, patient_id: c.patientId, username: 'physician' });
    const change = outbox(c).at(-1)!;
    const { id: _id, ...fields } = encounter;
    expect(change).toEqual({ entity: 'encounter', entityId: encounter.id, op: 'upsert', fields: JSON.parse(JSON.stringify(fields)) });
    // The audit entry names the record, never its text.
    expect(JSON.stringify(auditRows(c))).not.toContain('咳嗽');
  });

  it('takes a schedule provider resource and an appointment of the same patient', async () => {
    const c = clinic();
    const start = Math.ceil((c.clock.now() + HOUR) / 60_000) * 60_000;
    const appointment = await c.ok('frontdesk', 'schedule.appointments.book', { patientId: c.patientId, providerId: c.providerId, start, end: start + 30 * 60_000 });
    const encounter = await c.ok('physician', 'chart.encounters.create', {
      patientId: c.patientId,
      encounter: { ...note(c.clock.now()), providerId: c.providerId, appointmentId: appointment.id },
    });
    expect(encounter.provider).toEqual({ resourceId: c.providerId, userId: c.physicianUserId, name: '王医生 (内科)' });
    expect(encounter.appointmentId).toBe(appointment.id);

    const other = await c.ok('frontdesk', 'patients.register', { patient: { fullName: 'Jane Doe', sex: 'female', birthDate: '1990-01-01' }, confirmedNotDuplicate: true });
    const error = await c.refused('physician', 'chart.encounters.create', { patientId: other.id, encounter: { ...note(c.clock.now()), appointmentId: appointment.id } });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'encounter.appointmentId', code: 'appointment-not-found' }] });
  });

  it('edits a draft, refuses a stale copy, signs it read-only, then takes addenda', async () => {
    const c = clinic();
    const draft = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: note(c.clock.now() - HOUR) });
    c.clock.advance(1_000);
    const edited = await c.ok('physician', 'chart.encounters.update', {
      id: draft.id,
      expectedUpdatedAt: draft.updatedAt,
      encounter: { ...note(draft.at), assessment: 'Viral URI; rule out influenza', diagnoses: [{ code: 'J06.9', text: '急性上呼吸道感染' }, { code: 'J11.1', text: '流感' }] },
    });
    expect(edited.assessment).toBe('Viral URI; rule out influenza');
    expect(edited.diagnoses.map((d) => d.code)).toEqual(['J06.9', 'J11.1']);
    // Only what changed replicates.
    expect(Object.keys(outbox(c).at(-1)!.fields).sort()).toEqual(['assessment', 'diagnoses', 'updatedAt']);
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'record.update', detail: 'fields: assessment, diagnoses' });

    const stale = await c.refused('physician', 'chart.encounters.update', { id: draft.id, expectedUpdatedAt: draft.updatedAt, encounter: note(draft.at) });
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale' } });

    // Saving an unchanged note writes nothing and keeps the copy current.
    const quiet = await c.footprint();
    const same = await c.ok('physician', 'chart.encounters.update', {
      id: draft.id,
      expectedUpdatedAt: edited.updatedAt,
      encounter: { ...note(draft.at), assessment: edited.assessment, diagnoses: edited.diagnoses },
    });
    expect(same.updatedAt).toBe(edited.updatedAt);
    expect(await c.footprint()).toEqual(quiet);

    // Another physician may neither edit nor sign someone else's draft.
    expect(await c.refused('physician2', 'chart.encounters.sign', { id: draft.id, expectedUpdatedAt: edited.updatedAt })).toMatchObject({ code: 'FORBIDDEN' });

    const signed = await c.ok('physician', 'chart.encounters.sign', { id: draft.id, expectedUpdatedAt: edited.updatedAt });
    expect(signed).toMatchObject({ status: 'signed', signedAt: c.clock.now(), signedBy: { userId: c.physicianUserId, name: '王医生' } });

    const before = await c.footprint();
    expect(await c.refused('physician', 'chart.encounters.update', { id: draft.id, expectedUpdatedAt: signed.updatedAt, encounter: note(draft.at) })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'signed' },
    });
    expect(await c.refused('physician', 'chart.encounters.discard', { id: draft.id, reason: 'wrong patient' })).toMatchObject({ code: 'CONFLICT', details: { reason: 'signed' } });
    expect(await c.footprint()).toEqual(before);

    const amended = await c.ok('physician2', 'chart.encounters.addendum', { id: draft.id, text: 'Flu swab negative.' });
    expect(amended.addenda).toEqual([{ id: expect.any(String), text: 'Flu swab negative.', at: c.clock.now(), author: { userId: expect.any(String), name: 'Dr Li' } }]);
    expect(amended.assessment).toBe(signed.assessment);
    expect(outbox(c).at(-1)).toMatchObject({ entity: 'encounter', op: 'upsert', fields: { addenda: amended.addenda } });
  });

  it('refuses an addendum to a draft', async () => {
    const c = clinic();
    const draft = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: note(c.clock.now()) });
    expect(await c.refused('physician', 'chart.encounters.addendum', { id: draft.id, text: 'x' })).toMatchObject({ code: 'CONFLICT', details: { reason: 'draft' } });
  });

  it('discards a draft as entered-in-error: the row stays, the chart no longer shows it, and the outbox carries a delete', async () => {
    const c = clinic();
    const draft = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: note(c.clock.now()) });
    await c.ok('physician', 'chart.encounters.discard', { id: draft.id, reason: 'Opened the wrong chart' });
    expect((await c.ok('physician', 'chart.get', { patientId: c.patientId })).encounters).toEqual([]);
    expect(c.sql('SELECT error_reason FROM encounters WHERE id = ?', [draft.id])).toEqual([{ error_reason: 'Opened the wrong chart' }]);
    expect(outbox(c).at(-1)).toEqual({ entity: 'encounter', entityId: draft.id, op: 'delete', fields: { errorReason: 'Opened the wrong chart' } });
    expect(auditRows(c).at(-2)).toMatchObject({ action: 'record.delete', entity_type: 'encounter', entity_id: draft.id });
  });

  it('lets only physicians write encounters; everyone on staff reads the chart', async () => {
    const c = clinic();
    for (const desk of ['nurse', 'frontdesk', 'radiologist', 'admin'] as const) {
      expect(await c.refused(desk, 'chart.encounters.create', { patientId: c.patientId, encounter: note(c.clock.now()) })).toMatchObject({ code: 'FORBIDDEN' });
    }
    await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: note(c.clock.now()) });
    for (const desk of ['nurse', 'frontdesk', 'radiologist', 'physician2'] as const) {
      expect((await c.ok(desk, 'chart.get', { patientId: c.patientId })).encounters).toHaveLength(1);
    }
  });

  it('refuses bad input with field-level messages and changes nothing', async () => {
    const c = clinic();
    const before = await c.footprint();
    const now = c.clock.now();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ diagnoses: [{ code: 'J06-9', text: 'x' }] }, 'encounter.diagnoses.0.code'],
      [{ diagnoses: [{ code: '06.9', text: 'x' }] }, 'encounter.diagnoses.0.code'],
      [{ diagnoses: [{ code: 'J06.9', text: '' }] }, 'encounter.diagnoses.0.text'],
      [{ diagnoses: [{ code: 'I10', text: 'a' }, { code: 'i10', text: 'b' }] }, 'encounter.diagnoses.1.code'],
      [{ chiefComplaint: 'x'.repeat(10_000) }, 'encounter.chiefComplaint'],
      [{ subjective: '很'.repeat(10_000) }, 'encounter.subjective'],
      [{ orders: 'y'.repeat(10_000) }, 'encounter.orders'],
      [{ chiefComplaint: 'line\u0000break' }, 'encounter.chiefComplaint'],
      [{ at: now + 2 * HOUR }, 'encounter.at'],
      [{ at: Date.UTC(1850, 0, 1) }, 'encounter.at'],
    ];
    for (const [change, path] of cases) {
      const error = await c.refused('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: { ...note(now), ...change } as never });
      expect(error.code, path).toBe('VALIDATION');
      expect(error.fields?.map((field) => field.path), path).toContain(path);
    }
    expect(await c.refused('physician', 'chart.encounters.create', { patientId: 'no-such-patient', encounter: note(now) })).toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'patient-not-found' },
    });
    expect(await c.refused('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: { ...note(now), providerId: 'nope' } })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'encounter.providerId' }],
    });
    expect(await c.footprint()).toEqual(before);
  });

  it('accepts ICD-10-CM and China national clinical edition codes', async () => {
    const c = clinic();
    const encounter = await c.ok('physician', 'chart.encounters.create', {
      patientId: c.patientId,
      encounter: { ...note(c.clock.now()), diagnoses: [{ code: 'S72.001A', text: 'Femoral neck fracture' }, { code: 'I10.x00x002', text: '高血压2级' }, { code: 'E11', text: '2型糖尿病' }] },
    });
    expect(encounter.diagnoses.map((d) => d.code)).toEqual(['S72.001A', 'I10.X00X002', 'E11']);
  });

  it('stores SQL and markup verbatim in every text field', async () => {
    const c = clinic();
    const hostile = {
      at: c.clock.now(),
      chiefComplaint: HOSTILE,
      subjective: HOSTILE,
      objective: HOSTILE,
      assessment: HOSTILE,
      plan: HOSTILE,
      orders: HOSTILE,
      diagnoses: [{ code: 'R05', text: HOSTILE }],
    };
    const encounter = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: hostile });
    const signed = await c.ok('physician', 'chart.encounters.sign', { id: encounter.id, expectedUpdatedAt: encounter.updatedAt });
    await c.ok('physician', 'chart.encounters.addendum', { id: signed.id, text: HOSTILE });
    const [read] = (await c.ok('nurse', 'chart.get', { patientId: c.patientId })).encounters;
    for (const field of ['chiefComplaint', 'subjective', 'objective', 'assessment', 'plan', 'orders'] as const) expect(read![field]).toBe(HOSTILE);
    expect(read!.diagnoses[0]!.text).toBe(HOSTILE);
    expect(read!.addenda[0]!.text).toBe(HOSTILE);
    expect(c.sql('SELECT count(*) AS n FROM encounters WHERE patient_id = ?', [c.patientId])).toEqual([{ n: 1 }]);
  });
});
