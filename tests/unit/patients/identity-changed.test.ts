import { describe, expect, it } from 'vitest';
import { identityChanged } from '../../../renderer/patients/edit/identityChanged.ts';
import type { Patient } from '../../../preload/contract/patients.ts';

const PATIENT: Patient = {
  id: 'p1',
  mrn: 'MRN00000001',
  fullName: '张三',
  familyName: '张',
  givenName: '三',
  pinyin: 'zhang san',
  pinyinInitials: 'zs',
  sex: 'male',
  birthDate: '1980-05-01',
  phones: ['138 0013 8000'],
  identifier: { type: 'cn-resident', value: '11010119800501123X' },
  address: null,
  insurance: null,
  emergencyContact: null,
  allergies: 'unknown',
  notes: null,
  createdAt: 0,
  updatedAt: 0,
};
const same = { fullName: '张三', sex: 'male' as const, birthDate: '1980-05-01', phones: ['13800138000'], identifier: { type: 'cn-resident' as const, value: '11010119800501123x' } };

describe('which corrections run the duplicate check again', () => {
  it('ignores changes that cannot make a duplicate, and the way a phone or ID is written', () => {
    expect(identityChanged(PATIENT, { ...same, address: '新地址', allergies: 'has', notes: '改了备注' })).toBe(false);
  });

  it('notices a new name, birth date, phone or ID', () => {
    expect(identityChanged(PATIENT, { ...same, fullName: '张山' })).toBe(true);
    expect(identityChanged(PATIENT, { ...same, birthDate: '1980-05-02' })).toBe(true);
    expect(identityChanged(PATIENT, { ...same, phones: ['13800138000', '13900139000'] })).toBe(true);
    expect(identityChanged(PATIENT, { ...same, identifier: null })).toBe(true);
  });
});
