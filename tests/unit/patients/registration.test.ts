import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import { expectAuditChainIntact, input, patientClinic, register, residentId, type PatientClinic } from './helpers.ts';

type OutboxRow = { entity: string; entity_id: string; op: string; fields: string };

const EVERY_FIELD: PatientInput = {
  fullName: '单雄信',
  sex: 'male',
  birthDate: '1985-07-14',
  phones: ['+86 138 0013 8000', '010-6552 9988'],
  identifier: { type: 'cn-resident', value: residentId('1985-07-14', '351').toLowerCase() },
  address: '北京市东城区王府井大街 1 号',
  insurance: { provider: '北京医保', number: 'BJ-2024-778899' },
  emergencyContact: { name: '单夫人', phone: '139 1111 2222', relation: '配偶' },
  allergies: 'has',
  notes: '青霉素过敏\n每年复查',
};

describe('patient registration', () => {
  let clinic: PatientClinic;
  beforeEach(async () => {
    clinic = await patientClinic();
  });
  afterEach(() => clinic.cleanup());

  it('registers every field, derives MRN, pinyin and name parts, and audits and captures the change', async () => {
    const patient = await clinic.ok('frontdesk', 'patients.register', { patient: EVERY_FIELD });
    expect(patient).toEqual({
      id: expect.any(String),
      mrn: 'MRN00000001',
      fullName: '单雄信',
      familyName: '单',
      givenName: '雄信',
      pinyin: 'shan xiong xin',
      pinyinInitials: 'sxx',
      sex: 'male',
      birthDate: '1985-07-14',
      phones: EVERY_FIELD.phones,
      identifier: { type: 'cn-resident', value: EVERY_FIELD.identifier!.value.toUpperCase() },
      address: EVERY_FIELD.address,
      insurance: EVERY_FIELD.insurance,
      emergencyContact: EVERY_FIELD.emergencyContact,
      allergies: 'has',
      notes: EVERY_FIELD.notes,
      createdAt: clinic.clock.now(),
      updatedAt: clinic.clock.now(),
    });
    expect(await clinic.ok('physician', 'patients.get', { id: patient.id })).toEqual(patient);
    expect((await register(clinic, { fullName: '欧阳娜娜', sex: 'female', birthDate: '2000-06-24' })).mrn).toBe('MRN00000002');

    const { entries } = await clinic.ok('admin', 'audit.query', { patientId: patient.id });
    expect(entries.map((e) => [e.action, e.username, e.entityType])).toEqual([
      ['record.read', 'physician', 'patient'],
      ['record.create', 'frontdesk', 'patient'],
    ]);
    const [change] = clinic.sql<OutboxRow>('SELECT * FROM outbox WHERE entity_id = ?', [patient.id]);
    expect(change).toMatchObject({ entity: 'patient', op: 'upsert' });
    const { id: _id, pinyin: _pinyin, pinyinInitials: _initials, ...replicated } = patient;
    expect(JSON.parse(change!.fields)).toEqual(replicated);
    await expectAuditChainIntact(clinic);
  });

  it('refuses invalid fields with field-level errors that do not echo the values, and writes nothing', async () => {
    const before = { patients: await clinic.patientCount(), audit: await clinic.auditCount() };
    const cases: Array<[Partial<PatientInput>, string]> = [
      [{ identifier: { type: 'cn-resident', value: residentId('1990-01-01').slice(0, 17) + (residentId('1990-01-01').endsWith('1') ? '2' : '1') } }, 'patient.identifier.value'],
      [{ birthDate: '2999-01-01' }, 'patient.birthDate'],
      [{ fullName: '张'.repeat(10_000) }, 'patient.fullName'],
      [{ fullName: '张三\u0000' }, 'patient.fullName'],
      [{ address: 'Line\u0007bell' }, 'patient.address'],
      [{ notes: 'tab\tinside' }, 'patient.notes'],
      [{ emergencyContact: { name: 'A\u001bB', phone: '13800138000' } }, 'patient.emergencyContact.name'],
    ];
    for (const [fields, path] of cases) {
      const result = await clinic.call('frontdesk', 'patients.register', { patient: input(fields) });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [expect.objectContaining({ path })] } });
      expect(JSON.stringify(result)).not.toContain('张三');
    }
    expect({ patients: await clinic.patientCount(), audit: await clinic.auditCount() }).toEqual(before);
    expect(clinic.sql("SELECT * FROM outbox WHERE entity = 'patient'")).toEqual([]);
  });

  it('stores SQL and HTML in every text field verbatim and nothing else changes', async () => {
    const sql = "Robert'); DROP TABLE patients;--";
    const html = '<img src=x onerror="alert(1)">&amp;';
    await register(clinic, { fullName: '李四' });
    const patient = await register(clinic, {
      fullName: sql,
      familyName: html,
      givenName: sql,
      address: html,
      identifier: { type: 'other', value: "1' OR '1'='1" },
      insurance: { provider: html, number: sql },
      emergencyContact: { name: html, phone: '13800138000', relation: sql },
      notes: `${sql}\n${html}`,
    });
    expect(await clinic.ok('frontdesk', 'patients.get', { id: patient.id })).toMatchObject({
      fullName: sql,
      familyName: html,
      givenName: sql,
      address: html,
      // Identifiers compare case-insensitively, so they are kept in upper case.
      identifier: { type: 'other', value: "1' OR '1'='1".toUpperCase() },
      insurance: { provider: html, number: sql },
      emergencyContact: { name: html, phone: '13800138000', relation: sql },
      notes: `${sql}\n${html}`,
    });
    expect((await clinic.ok('frontdesk', 'patients.search', { query: 'robert' })).map((hit) => hit.fullName)).toEqual([sql]);
    expect((await clinic.ok('frontdesk', 'patients.search', { query: "'); DROP" })).map((hit) => hit.fullName)).toEqual([sql]);
    // Quotes and full-text operators in a query are text, not syntax.
    expect(await clinic.ok('frontdesk', 'patients.search', { query: 'x" OR name : "robert' })).toEqual([]);
    expect(await clinic.patientCount()).toBe(2);
    await expectAuditChainIntact(clinic);
  });

  it('lets only registrars register and correct, every clinical role search and read, and flags break-glass reads', async () => {
    expect(await clinic.call('physician', 'patients.register', { patient: input() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await clinic.call('physician', 'patients.findDuplicates', { patient: input() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const patient = await register(clinic, {});
    expect(await clinic.call('radiologist', 'patients.update', { id: patient.id, patient: input(), expectedUpdatedAt: patient.updatedAt })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await clinic.call('frontdesk', 'patients.merge', { survivorId: patient.id, duplicateId: patient.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await clinic.ok('radiologist', 'patients.search', { query: 'zs' })).map((hit) => hit.id)).toEqual([patient.id]);
    expect((await clinic.ok('radiologist', 'patients.get', { id: patient.id })).id).toBe(patient.id);
    expect(await clinic.call('radiologist', 'patients.get', { id: 'no-such-patient' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await clinic.ok('physician', 'session.breakGlass', { reason: 'Unconscious patient brought in by ambulance' });
    await clinic.ok('physician', 'patients.get', { id: patient.id });
    const reads = (await clinic.ok('admin', 'audit.query', { patientId: patient.id, action: 'record.read' })).entries;
    expect(reads.map((e) => [e.username, e.breakGlass])).toEqual([
      ['physician', true],
      ['radiologist', false],
    ]);
    await expectAuditChainIntact(clinic);
  });
});

describe('patient correction', () => {
  let clinic: PatientClinic;
  beforeEach(async () => {
    clinic = await patientClinic();
  });
  afterEach(() => clinic.cleanup());

  it('applies a correction read at the current version, audits and captures the changed fields only', async () => {
    const patient = await register(clinic, { fullName: '王小明', phones: ['13800138000'] });
    const fields = { ...input({ fullName: '王晓明', phones: ['13900139000'] }) };
    const updated = await clinic.ok('frontdesk', 'patients.update', { id: patient.id, patient: fields, expectedUpdatedAt: patient.updatedAt });
    expect(updated).toMatchObject({ fullName: '王晓明', pinyin: 'wang xiao ming', familyName: '王', givenName: '晓明', phones: ['13900139000'], mrn: patient.mrn });
    // Same millisecond on the test clock, yet a new version.
    expect(updated.updatedAt).toBeGreaterThan(patient.updatedAt);

    const changes = clinic.sql<OutboxRow>('SELECT * FROM outbox WHERE entity_id = ? ORDER BY seq', [patient.id]);
    expect(changes.map((c) => c.op)).toEqual(['upsert', 'upsert']);
    expect(JSON.parse(changes[1]!.fields)).toEqual({ fullName: '王晓明', givenName: '晓明', phones: ['13900139000'], updatedAt: updated.updatedAt });
    const [entry] = (await clinic.ok('admin', 'audit.query', { patientId: patient.id, action: 'record.update' })).entries;
    expect(entry).toMatchObject({ username: 'frontdesk', detail: 'fields: fullName, givenName, phones' });
    expect((await clinic.ok('frontdesk', 'patients.search', { query: '13900' }))[0]).toMatchObject({ id: patient.id, match: { field: 'phone', kind: 'prefix' } });
    expect(await clinic.ok('frontdesk', 'patients.search', { query: '13800' })).toEqual([]);
  });

  it('refuses a correction based on an outdated read, and changes nothing', async () => {
    const patient = await register(clinic, {});
    await clinic.ok('frontdesk', 'patients.update', { id: patient.id, patient: input({ address: 'first desk' }), expectedUpdatedAt: patient.updatedAt });
    const before = { audit: await clinic.auditCount(), outbox: clinic.sql('SELECT * FROM outbox').length };
    const stale = await clinic.call('admin', 'patients.update', { id: patient.id, patient: input({ address: 'second desk' }), expectedUpdatedAt: patient.updatedAt });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'stale' } } });
    expect({ audit: await clinic.auditCount(), outbox: clinic.sql('SELECT * FROM outbox').length }).toEqual(before);
    expect((await clinic.ok('frontdesk', 'patients.get', { id: patient.id })).address).toBe('first desk');
  });

  it('refuses an identifier another patient holds, on the identifier field', async () => {
    const identifier = { type: 'cn-resident' as const, value: residentId('1990-01-01') };
    await register(clinic, { fullName: '张三', identifier });
    const other = await register(clinic, { fullName: '李四' });
    const result = await clinic.call('frontdesk', 'patients.update', { id: other.id, patient: input({ fullName: '李四', identifier }), expectedUpdatedAt: other.updatedAt });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'patient.identifier.value', code: 'TAKEN' }] } });
    expect(JSON.stringify(result)).not.toContain(identifier.value);
  });
});
