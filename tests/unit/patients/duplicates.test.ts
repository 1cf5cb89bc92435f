import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import { input, patientClinic, register, residentId, type PatientClinic } from './helpers.ts';

describe('duplicate detection', () => {
  let clinic: PatientClinic;
  beforeEach(async () => {
    clinic = await patientClinic();
  });
  afterEach(() => clinic.cleanup());

  const candidates = (patient: Partial<PatientInput>, excludeId?: string) =>
    clinic.ok('frontdesk', 'patients.findDuplicates', { patient: input(patient), ...(excludeId ? { excludeId } : {}) });
  const registerUnconfirmed = (patient: Partial<PatientInput>) => clinic.call('frontdesk', 'patients.register', { patient: input(patient) });

  it('warns of the same identifier, and never registers a second holder', async () => {
    const identifier = { type: 'cn-resident' as const, value: residentId('1990-01-01') };
    const existing = await register(clinic, { fullName: '张三', identifier });
    expect(await candidates({ fullName: '完全不同', identifier: { ...identifier, value: identifier.value.toLowerCase() } })).toEqual([
      expect.objectContaining({ id: existing.id, reasons: ['sameIdentifier'] }),
    ]);
    for (const confirmedNotDuplicate of [false, true]) {
      expect(await clinic.call('frontdesk', 'patients.register', { patient: input({ fullName: '完全不同', identifier }), confirmedNotDuplicate })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: [{ path: 'patient.identifier.value', code: 'TAKEN' }] },
      });
    }
    expect(await clinic.patientCount()).toBe(1);
  });

  it('warns of a shared phone number however it is written, and registers only once confirmed', async () => {
    const existing = await register(clinic, { fullName: '李四', birthDate: '1980-05-05', phones: ['138-0013-8000'] });
    const newcomer = { fullName: '王五', birthDate: '2015-05-05', phones: ['+86 13800138000'] };
    expect(await candidates(newcomer)).toEqual([expect.objectContaining({ id: existing.id, reasons: ['samePhone'] })]);
    const audit = await clinic.auditCount();
    expect(await registerUnconfirmed(newcomer)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'duplicate', candidates: 1 } } });
    expect({ patients: await clinic.patientCount(), audit: await clinic.auditCount() }).toEqual({ patients: 1, audit });
    await clinic.ok('frontdesk', 'patients.register', { patient: input(newcomer), confirmedNotDuplicate: true });
    expect(await clinic.patientCount()).toBe(2);
  });

  it('warns of the same birth date with the same pinyin or a name one character apart', async () => {
    const zhangSan = await register(clinic, { fullName: '张三', birthDate: '1990-01-01' });
    const smith = await register(clinic, { fullName: 'John Smith', birthDate: '1990-01-01' });
    await register(clinic, { fullName: '张三', birthDate: '1991-01-01' });
    const reason = ['sameBirthDateSimilarName'];
    expect(await candidates({ fullName: '张叁', birthDate: '1990-01-01' })).toEqual([expect.objectContaining({ id: zhangSan.id, reasons: reason })]);
    expect(await candidates({ fullName: '章三', birthDate: '1990-01-01' })).toEqual([expect.objectContaining({ id: zhangSan.id, reasons: reason })]);
    expect(await candidates({ fullName: 'Jon Smith', birthDate: '1990-01-01' })).toEqual([expect.objectContaining({ id: smith.id, reasons: reason })]);
    expect(await candidates({ fullName: '李四', birthDate: '1990-01-01' })).toEqual([]);
    expect(await registerUnconfirmed({ fullName: '张叁', birthDate: '1990-01-01' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'duplicate' } } });
    // A correction of the record itself is not its own duplicate.
    expect(await candidates({ fullName: '张三', birthDate: '1990-01-01' }, zhangSan.id)).toEqual([]);
  });

  it('lists every reason a candidate matches on', async () => {
    const identifier = { type: 'passport' as const, value: 'E12345678' };
    const existing = await register(clinic, { fullName: 'John Smith', birthDate: '1966-11-05', phones: ['13800138000'], identifier });
    const [candidate] = await candidates({ fullName: 'John Smyth', birthDate: '1966-11-05', phones: ['13800138000'], identifier });
    expect(candidate).toMatchObject({ id: existing.id, mrn: existing.mrn });
    expect(candidate!.reasons.sort()).toEqual(['sameBirthDateSimilarName', 'sameIdentifier', 'samePhone']);
  });
});
