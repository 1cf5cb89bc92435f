import { describe, expect, it } from 'vitest';
import { localToday } from '../../../preload/contract/chart.ts';
import { HOSTILE, auditRows, outbox, useChartClinic, type ChartClinic } from './helpers.ts';

const tomorrow = () => {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  return localToday(date);
};

async function allergyFlag(c: ChartClinic): Promise<string> {
  return (await c.ok('frontdesk', 'patients.get', { id: c.patientId })).allergies;
}

describe('problem list', () => {
  const clinic = useChartClinic();

  it('adds, resolves and removes a problem, each audited and replicated', async () => {
    const c = clinic();
    const before = await c.footprint();
    const problem = await c.ok('physician', 'chart.problems.create', { patientId: c.patientId, problem: { code: 'i10', text: '原发性高血压', onset: '2019-06-01' } });
    expect(problem).toMatchObject({ code: 'I10', text: '原发性高血压', onset: '2019-06-01', status: 'active', resolvedOn: null, note: '', recordedBy: { name: '王医生' } });
    expect(await c.footprint()).toEqual({ ...before, audit: before.audit + 1, outbox: before.outbox + 1, problems: before.problems + 1 });
    const { id: _id, ...fields } = problem;
    expect(outbox(c).at(-1)).toEqual({ entity: 'problem', entityId: problem.id, op: 'upsert', fields });

    const resolved = await c.ok('physician2', 'chart.problems.update', {
      id: problem.id,
      expectedUpdatedAt: problem.updatedAt,
      problem: { code: 'I10', text: '原发性高血压', onset: '2019-06-01', status: 'resolved', resolvedOn: localToday() },
    });
    expect(resolved.status).toBe('resolved');
    expect(outbox(c).at(-1)).toEqual({ entity: 'problem', entityId: problem.id, op: 'upsert', fields: { status: 'resolved', resolvedOn: localToday(), updatedAt: resolved.updatedAt } });
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'record.update', detail: 'fields: status, resolvedOn' });

    expect(await c.refused('physician', 'chart.problems.update', { id: problem.id, expectedUpdatedAt: problem.updatedAt, problem: { code: 'I10', text: 'x' } })).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'stale' },
    });

    await c.ok('physician', 'chart.problems.remove', { id: problem.id, reason: 'Wrong patient' });
    expect((await c.ok('physician', 'chart.get', { patientId: c.patientId })).problems).toEqual([]);
    expect(outbox(c).at(-1)).toEqual({ entity: 'problem', entityId: problem.id, op: 'delete', fields: { errorReason: 'Wrong patient' } });
    expect(await c.refused('physician', 'chart.problems.remove', { id: problem.id, reason: 'again' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad problems with field messages and changes nothing; only physicians write', async () => {
    const c = clinic();
    const before = await c.footprint();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'hypertension', text: 'x' }, 'problem.code'],
      [{ code: 'I10', text: 'x'.repeat(10_000) }, 'problem.text'],
      [{ code: 'I10', text: 'x', onset: tomorrow() }, 'problem.onset'],
      [{ code: 'I10', text: 'x', onset: '2020-02-30' }, 'problem.onset'],
      [{ code: 'I10', text: 'x', status: 'active', resolvedOn: '2020-01-01' }, 'problem.resolvedOn'],
      [{ code: 'I10', text: 'x', onset: '2021-01-01', status: 'resolved', resolvedOn: '2020-01-01' }, 'problem.resolvedOn'],
      [{ code: 'I10', text: 'x', note: 'n'.repeat(10_000) }, 'problem.note'],
    ];
    for (const [problem, path] of cases) {
      const error = await c.refused('physician', 'chart.problems.create', { patientId: c.patientId, problem: problem as never });
      expect(error.fields?.map((field) => field.path), path).toContain(path);
    }
    for (const desk of ['nurse', 'frontdesk', 'radiologist'] as const) {
      expect(await c.refused(desk, 'chart.problems.create', { patientId: c.patientId, problem: { code: 'I10', text: 'x' } })).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await c.footprint()).toEqual(before);
  });
});

describe('allergies', () => {
  const clinic = useChartClinic();

  it('keeps the patient header’s allergy flag coherent with the list', async () => {
    const c = clinic();
    expect(await allergyFlag(c)).toBe('unknown');
    const before = await c.footprint();
    const penicillin = await c.ok('nurse', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: '青霉素 penicillin', reaction: '皮疹 rash', severity: 'moderate' } });
    expect(penicillin).toMatchObject({ status: 'active', severity: 'moderate', recordedBy: { name: 'Nurse Xu' } });
    expect(await allergyFlag(c)).toBe('has');
    // The allergy and the flag change together: two audit entries and two outbox rows, one call.
    expect(await c.footprint()).toMatchObject({ audit: before.audit + 2 + 1, outbox: before.outbox + 2, allergies: 1 });
    expect(outbox(c).slice(-2).map((row) => [row.entity, row.op])).toEqual([
      ['allergy', 'upsert'],
      ['patient', 'upsert'],
    ]);
    expect(outbox(c).at(-1)!.fields).toMatchObject({ allergies: 'has' });

    const latex = await c.ok('physician', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: 'Latex', severity: 'severe' } });
    const list = (await c.ok('nurse', 'chart.get', { patientId: c.patientId })).allergies;
    expect(list.map((a) => a.substance)).toEqual(['Latex', '青霉素 penicillin']);

    await c.ok('nurse', 'chart.allergies.update', { id: penicillin.id, expectedUpdatedAt: penicillin.updatedAt, allergy: { substance: '青霉素 penicillin', status: 'resolved' } });
    expect(await allergyFlag(c)).toBe('has');
    await c.ok('physician', 'chart.allergies.remove', { id: latex.id, reason: 'Recorded for the wrong patient' });
    // No active allergy is left: "has" becomes "unknown", never a claim of no known allergies.
    expect(await allergyFlag(c)).toBe('unknown');
    expect(outbox(c).at(-1)).toMatchObject({ entity: 'patient', fields: { allergies: 'unknown' } });
  });

  it('turns a "none" flag to "has" and leaves a registration flag without listed allergies alone', async () => {
    const c = clinic();
    const patient = await c.ok('frontdesk', 'patients.get', { id: c.patientId });
    await c.ok('frontdesk', 'patients.update', { id: c.patientId, expectedUpdatedAt: patient.updatedAt, patient: { fullName: '张三', sex: 'male', birthDate: '1970-03-04', allergies: 'none' } });
    await c.ok('nurse', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: 'Shellfish', status: 'resolved' } });
    expect(await allergyFlag(c)).toBe('none');
    await c.ok('nurse', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: 'Aspirin' } });
    expect(await allergyFlag(c)).toBe('has');
  });

  it('refuses bad allergies and forbids the front desk', async () => {
    const c = clinic();
    const before = await c.footprint();
    for (const [allergy, path] of [
      [{ substance: '' }, 'allergy.substance'],
      [{ substance: 'x'.repeat(10_000) }, 'allergy.substance'],
      [{ substance: 'x', reaction: 'r'.repeat(10_000) }, 'allergy.reaction'],
      [{ substance: 'x', severity: 'fatal' }, 'allergy.severity'],
      [{ substance: 'x', onset: tomorrow() }, 'allergy.onset'],
    ] as const) {
      const error = await c.refused('nurse', 'chart.allergies.create', { patientId: c.patientId, allergy: allergy as never });
      expect(error.fields?.map((field) => field.path)).toContain(path);
    }
    expect(await c.refused('frontdesk', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: 'x' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await c.footprint()).toEqual(before);
  });
});

describe('medications', () => {
  const clinic = useChartClinic();

  it('adds and stops a medication; a planned end may lie ahead', async () => {
    const c = clinic();
    const medication = await c.ok('physician', 'chart.medications.create', {
      patientId: c.patientId,
      medication: { name: '氨氯地平 Amlodipine', dose: '5 mg', route: 'oral', frequency: '每日一次 qd', start: '2024-01-10', end: tomorrow() },
    });
    expect(medication).toMatchObject({ status: 'active', route: 'oral', start: '2024-01-10', end: tomorrow() });
    const stopped = await c.ok('physician', 'chart.medications.update', {
      id: medication.id,
      expectedUpdatedAt: medication.updatedAt,
      medication: { name: '氨氯地平 Amlodipine', dose: '5 mg', route: 'oral', frequency: '每日一次 qd', start: '2024-01-10', end: localToday(), status: 'stopped' },
    });
    expect(stopped.status).toBe('stopped');
    expect(Object.keys(outbox(c).at(-1)!.fields).sort()).toEqual(['end', 'status', 'updatedAt']);
    expect(await c.refused('nurse', 'chart.medications.create', { patientId: c.patientId, medication: { name: 'x' } })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses bad medications and changes nothing', async () => {
    const c = clinic();
    const before = await c.footprint();
    for (const [medication, path] of [
      [{ name: '' }, 'medication.name'],
      [{ name: 'x'.repeat(10_000) }, 'medication.name'],
      [{ name: 'x', dose: 'd'.repeat(10_000) }, 'medication.dose'],
      [{ name: 'x', route: 'by mouth' }, 'medication.route'],
      [{ name: 'x', start: tomorrow() }, 'medication.start'],
      [{ name: 'x', start: '2024-02-01', end: '2024-01-01' }, 'medication.end'],
    ] as const) {
      const error = await c.refused('physician', 'chart.medications.create', { patientId: c.patientId, medication: medication as never });
      expect(error.fields?.map((field) => field.path)).toContain(path);
    }
    expect(await c.footprint()).toEqual(before);
  });

  it('stores SQL and markup verbatim in every text field of every list', async () => {
    const c = clinic();
    await c.ok('physician', 'chart.problems.create', { patientId: c.patientId, problem: { code: 'R05', text: HOSTILE, note: HOSTILE } });
    await c.ok('physician', 'chart.allergies.create', { patientId: c.patientId, allergy: { substance: HOSTILE, reaction: HOSTILE, note: HOSTILE } });
    await c.ok('physician', 'chart.medications.create', { patientId: c.patientId, medication: { name: HOSTILE, dose: HOSTILE, frequency: HOSTILE, note: HOSTILE } });
    const chart = await c.ok('physician', 'chart.get', { patientId: c.patientId });
    expect([chart.problems[0]!.text, chart.problems[0]!.note]).toEqual([HOSTILE, HOSTILE]);
    expect([chart.allergies[0]!.substance, chart.allergies[0]!.reaction, chart.allergies[0]!.note]).toEqual([HOSTILE, HOSTILE, HOSTILE]);
    expect([chart.medications[0]!.name, chart.medications[0]!.dose, chart.medications[0]!.frequency, chart.medications[0]!.note]).toEqual([HOSTILE, HOSTILE, HOSTILE, HOSTILE]);
  });
});
