import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAuditChainIntact, patientClinic, register, residentId, type PatientClinic } from './helpers.ts';

type OutboxRow = { entity_id: string; op: string; fields: string };

describe('merging duplicates', () => {
  let clinic: PatientClinic;
  beforeEach(async () => {
    clinic = await patientClinic();
  });
  afterEach(() => clinic.cleanup());

  it('hides the duplicate, re-points its views, keeps it as a tombstone and audits both records', async () => {
    const identifier = { type: 'cn-resident' as const, value: residentId('1990-01-01') };
    const survivor = await register(clinic, { fullName: '张三', phones: ['13800138000'] });
    const duplicate = await register(clinic, { fullName: '张叁', phones: ['13800138000'], identifier, notes: 'registered twice' });
    for (const desk of ['frontdesk', 'physician'] as const) await clinic.ok(desk, 'patients.get', { id: duplicate.id });
    await clinic.ok('frontdesk', 'patients.get', { id: survivor.id });

    const merged = await clinic.ok('admin', 'patients.merge', { survivorId: survivor.id, duplicateId: duplicate.id });
    expect(merged).toEqual(survivor);

    expect((await clinic.ok('frontdesk', 'patients.search', { query: 'zhang' })).map((hit) => hit.id)).toEqual([survivor.id]);
    expect((await clinic.ok('frontdesk', 'patients.search', { query: '138' })).map((hit) => hit.id)).toEqual([survivor.id]);
    for (const desk of ['frontdesk', 'physician'] as const) {
      expect((await clinic.ok(desk, 'patients.search', { query: '' })).map((hit) => hit.id)).toEqual([survivor.id]);
    }
    // An old link to the duplicate opens the survivor.
    expect((await clinic.ok('physician', 'patients.get', { id: duplicate.id })).id).toBe(survivor.id);
    expect(await clinic.patientCount()).toBe(1);
    expect(clinic.sql('SELECT merged_into, notes, id_value FROM patients WHERE id = ?', [duplicate.id])).toEqual([
      { merged_into: survivor.id, notes: 'registered twice', id_value: identifier.value },
    ]);

    // The front desk had seen both records, so only the physician's view moved; the desk's view of the duplicate is dropped.
    const physician = (await clinic.ok('admin', 'accounts.list', {})).find((account) => account.username === 'physician')!;
    // Other capabilities add their tables to the merge; each of those is listed too, empty here.
    const detail = { merge: { survivorId: survivor.id, duplicateId: duplicate.id, repointed: expect.objectContaining({ patient_views: [physician.id], appointments: [] }) } };
    for (const id of [survivor.id, duplicate.id]) {
      const [entry] = (await clinic.ok('admin', 'audit.query', { patientId: id, action: 'record.update' })).entries;
      expect(entry).toMatchObject({ username: 'admin', entityId: id });
      expect(JSON.parse(entry!.detail!)).toEqual(detail);
    }

    const [change] = clinic.sql<OutboxRow>("SELECT * FROM outbox WHERE op = 'merge'");
    expect(change).toMatchObject({ entity_id: duplicate.id });
    expect(JSON.parse(change!.fields)).toEqual({ mergedInto: survivor.id });
    // The duplicate's identifier is free for the survivor now.
    await clinic.ok('frontdesk', 'patients.update', {
      id: survivor.id,
      patient: { fullName: '张三', sex: 'male', birthDate: '1990-01-01', phones: ['13800138000'], identifier },
      expectedUpdatedAt: survivor.updatedAt,
    });
    await expectAuditChainIntact(clinic);
  });

  it('refuses a merge into itself, of a merged record, of an unknown one, and by anyone but an administrator', async () => {
    const a = await register(clinic, { fullName: '李四' });
    const b = await register(clinic, { fullName: '李肆' });
    expect(await clinic.call('admin', 'patients.merge', { survivorId: a.id, duplicateId: a.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await clinic.call('admin', 'patients.merge', { survivorId: a.id, duplicateId: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await clinic.call('frontdesk', 'patients.merge', { survivorId: a.id, duplicateId: b.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await clinic.ok('admin', 'patients.merge', { survivorId: a.id, duplicateId: b.id });
    for (const [survivorId, duplicateId] of [[a.id, b.id], [b.id, a.id]] as const) {
      expect(await clinic.call('admin', 'patients.merge', { survivorId, duplicateId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'merged' } } });
    }
    expect(await clinic.call('frontdesk', 'patients.update', { id: b.id, patient: { fullName: '李肆', sex: 'male', birthDate: '1990-01-01' }, expectedUpdatedAt: b.updatedAt })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'merged' } },
    });
    expect(clinic.sql<OutboxRow>("SELECT op FROM outbox WHERE entity = 'patient' ORDER BY seq").map((row) => row.op)).toEqual(['upsert', 'upsert', 'merge']);
  });
});
