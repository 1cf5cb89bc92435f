import { describe, expect, it } from 'vitest';
import { bodyMassIndex } from '../../../main/chart/bmi.ts';
import { VITAL_MEASURES, VITAL_RANGES, vitalsInputSchema } from '../../../preload/contract/chart.ts';
import { HOUR, auditRows, outbox, useChartClinic } from './helpers.ts';

describe('body-mass index', () => {
  it('is weight over height squared, one decimal', () => {
    expect(bodyMassIndex(175, 70)).toBe(22.9);
    expect(bodyMassIndex(160, 81.5)).toBe(31.8);
    expect(bodyMassIndex(50, 3.4)).toBe(13.6);
    expect(bodyMassIndex(null, 70)).toBeNull();
    expect(bodyMassIndex(175, null)).toBeNull();
  });
});

describe('vital-sign ranges (shared with the form)', () => {
  it('accepts each bound and refuses just beyond it, on that field', () => {
    for (const name of VITAL_MEASURES) {
      const { min, max, step } = VITAL_RANGES[name];
      // Blood pressure is validated as a pair; give the partner a value that keeps the pair in order.
      const partner = name === 'systolic' ? { diastolic: 20 } : name === 'diastolic' ? { systolic: 300 } : {};
      const parse = (value: number) => vitalsInputSchema.safeParse({ at: Date.now(), ...partner, [name]: value });
      if (name !== 'diastolic') expect(parse(min).success, `${name} ${min}`).toBe(true);
      if (name !== 'systolic') expect(parse(max).success, `${name} ${max}`).toBe(true);
      for (const bad of [min - step, max + step]) {
        const result = parse(bad);
        expect(result.success, `${name} ${bad}`).toBe(false);
        expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain(name);
      }
    }
  });
});

describe('vital signs', () => {
  const clinic = useChartClinic();

  it('records a set with its BMI; nurses and physicians may, others may not', async () => {
    const c = clinic();
    const before = await c.footprint();
    const at = c.clock.now() - HOUR;
    const vitals = await c.ok('nurse', 'chart.vitals.record', {
      patientId: c.patientId,
      vitals: { at, systolic: 128, diastolic: 82, heartRate: 72, temperature: 36.8, spo2: 98, respiratoryRate: 16, height: 172, weight: 68.4 },
    });
    expect(vitals).toMatchObject({ at, systolic: 128, diastolic: 82, temperature: 36.8, bmi: 23.1, status: 'final', recordedBy: { name: 'Nurse Xu' }, encounterId: null });
    expect(await c.footprint()).toEqual({ ...before, audit: before.audit + 1, outbox: before.outbox + 1, vital_signs: before.vital_signs + 1 });
    expect(auditRows(c).at(-1)).toMatchObject({ action: 'record.create', entity_type: 'vital_signs', entity_id: vitals.id, patient_id: c.patientId });
    const { id: _id, ...fields } = vitals;
    expect(outbox(c).at(-1)).toEqual({ entity: 'vital_signs', entityId: vitals.id, op: 'upsert', fields });

    await c.ok('physician', 'chart.vitals.record', { patientId: c.patientId, vitals: { at, heartRate: 80 } });
    for (const desk of ['frontdesk', 'radiologist', 'admin'] as const) {
      expect(await c.refused(desk, 'chart.vitals.record', { patientId: c.patientId, vitals: { at, heartRate: 80 } })).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('computes BMI from the latest earlier height when only the weight is taken', async () => {
    const c = clinic();
    const now = c.clock.now();
    await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now - 30 * 24 * HOUR, height: 180, weight: 90 } });
    await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now - 10 * 24 * HOUR, height: 160 } });
    const later = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now, weight: 64 } });
    expect(later.bmi).toBe(25);
    // A set dated before the second height uses the first.
    const backdated = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now - 20 * 24 * HOUR, weight: 81 } });
    expect(backdated.bmi).toBe(25);
    const alone = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: now - 60 * 24 * HOUR, weight: 81 } });
    expect(alone.bmi).toBeNull();
  });

  it('refuses out-of-range and inconsistent values with field-level messages, and changes nothing', async () => {
    const c = clinic();
    const before = await c.footprint();
    const at = c.clock.now();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ systolic: 400, diastolic: 80 }, ['vitals.systolic']],
      [{ systolic: 120, diastolic: 5 }, ['vitals.diastolic']],
      [{ systolic: 80, diastolic: 120 }, ['vitals.diastolic']],
      [{ systolic: 120 }, ['vitals.diastolic']],
      [{ heartRate: 0 }, ['vitals.heartRate']],
      [{ heartRate: 72.5 }, ['vitals.heartRate']],
      [{ temperature: 98.6 }, ['vitals.temperature']],
      [{ spo2: 101 }, ['vitals.spo2']],
      [{ respiratoryRate: 120 }, ['vitals.respiratoryRate']],
      [{ height: 1.75 }, ['vitals.height']],
      [{ weight: 0 }, ['vitals.weight']],
      [{ weight: 900, height: 5000 }, ['vitals.weight', 'vitals.height']],
      [{}, ['vitals']],
      [{ heartRate: 70, at: at + 3 * HOUR }, ['vitals.at']],
      [{ heartRate: Number.NaN }, ['vitals.heartRate']],
    ];
    for (const [values, paths] of cases) {
      const error = await c.refused('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at, ...values } as never });
      expect(error.code, JSON.stringify(values)).toBe('VALIDATION');
      expect(error.fields!.map((field) => field.path).sort(), JSON.stringify(values)).toEqual(paths.sort());
    }
    expect(await c.refused('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at, heartRate: 70, encounterId: 'nope' } })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'vitals.encounterId' }],
    });
    expect(await c.footprint()).toEqual(before);
  });

  it('links a set to a visit of the same patient only', async () => {
    const c = clinic();
    const encounter = await c.ok('physician', 'chart.encounters.create', { patientId: c.patientId, encounter: { at: c.clock.now() } });
    const vitals = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: c.clock.now(), heartRate: 70, encounterId: encounter.id } });
    expect(vitals.encounterId).toBe(encounter.id);
    const other = await c.ok('frontdesk', 'patients.register', { patient: { fullName: 'Jane Doe', sex: 'female', birthDate: '1990-01-01' }, confirmedNotDuplicate: true });
    expect((await c.call('nurse', 'chart.vitals.record', { patientId: other.id, vitals: { at: c.clock.now(), heartRate: 70, encounterId: encounter.id } })).ok).toBe(false);
  });

  it('marks a set entered in error: kept with its reason, gone from the chart and the trend', async () => {
    const c = clinic();
    const wrong = await c.ok('nurse', 'chart.vitals.record', { patientId: c.patientId, vitals: { at: c.clock.now(), weight: 6.8 } });
    const marked = await c.ok('nurse', 'chart.vitals.markError', { id: wrong.id, reason: 'Typed 6.8 for 68' });
    expect(marked).toMatchObject({ status: 'entered-in-error', errorReason: 'Typed 6.8 for 68' });
    expect(outbox(c).at(-1)).toEqual({ entity: 'vital_signs', entityId: wrong.id, op: 'upsert', fields: { status: 'entered-in-error', errorReason: 'Typed 6.8 for 68', updatedAt: marked.updatedAt } });
    expect((await c.ok('nurse', 'chart.get', { patientId: c.patientId })).vitals).toEqual([]);
    expect(await c.refused('frontdesk', 'chart.vitals.markError', { id: wrong.id, reason: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
  });
});
