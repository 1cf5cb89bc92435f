import { describe, expect, it } from 'vitest';
import { counts, outbox, tomorrow, useScheduleClinic } from './helpers.ts';

describe('schedule resources', () => {
  const clinic = useScheduleClinic();

  it('are managed by administrators and listed to every clinical role, by kind and name', async () => {
    const c = clinic();
    const us = await c.ok('a', 'schedule.resources.save', { kind: 'modality', name: 'US' });
    expect(us).toMatchObject({ kind: 'modality', name: 'US', userId: null, active: true });
    expect((await c.ok('n', 'schedule.resources.list', {})).map((r) => r.name)).toEqual(['Dr Chen (visiting)', 'Dr Wang', '诊室1', 'CT', 'US']);
    expect(await c.call('d', 'schedule.resources.save', { kind: 'room', name: '诊室2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.call('p', 'schedule.resources.save', { id: us.id, kind: 'modality', name: 'Ultrasound' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const renamed = await c.ok('a', 'schedule.resources.save', { id: us.id, kind: 'modality', name: 'Ultrasound' });
    expect(renamed).toMatchObject({ id: us.id, name: 'Ultrasound' });

    const { entries } = await c.ok('a', 'audit.query', {});
    expect(entries.filter((e) => e.entityId === us.id).map((e) => [e.action, e.entityType, e.detail])).toEqual([
      ['record.update', 'schedule_resource', 'name'],
      ['record.create', 'schedule_resource', 'modality'],
    ]);
    expect(outbox(c).filter((row) => row.entityId === us.id)).toEqual([
      { entity: 'schedule_resource', entityId: us.id, op: 'upsert', fields: { kind: 'modality', name: 'US', userId: null, active: true } },
      { entity: 'schedule_resource', entityId: us.id, op: 'upsert', fields: { name: 'Ultrasound' } },
    ]);
  });

  it('refuse unusable names, accounts and kind changes field by field, writing nothing', async () => {
    const c = clinic();
    const nurseId = (await c.ok('a', 'accounts.list', {})).find((a) => a.role === 'nurse')!.id;
    const before = await counts(c);
    const save = (resource: Record<string, unknown>) => c.call('a', 'schedule.resources.save', resource as never);

    expect(await save({ kind: 'room', name: '诊室1', userId: c.physicianId })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'userId' }] } });
    expect(await save({ kind: 'room', name: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'name' }] } });
    expect(await save({ kind: 'ward', name: 'Ward' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'kind' }] } });
    expect(await save({ kind: 'provider', name: 'Nurse Zhao', userId: nurseId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'userId', code: 'user-not-provider' }] },
    });
    expect(await save({ kind: 'provider', name: 'Wang again', userId: c.physicianId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: [{ path: 'userId', code: 'user-taken' }] },
    });
    expect(await save({ kind: 'modality', name: 'ct' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'name', code: 'name-taken' }] } });
    expect(await save({ id: c.ct.id, kind: 'room', name: 'CT' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'kind' }] } });
    expect(await save({ id: 'no-such-resource', kind: 'room', name: 'X' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await counts(c)).toEqual(before);

    // The same name in another kind is a different resource.
    await c.ok('a', 'schedule.resources.save', { kind: 'room', name: 'CT' });
  });

  it('leave service only once nothing to come is booked on them, and then take no bookings', async () => {
    const c = clinic();
    const visit = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.chen.id, roomId: c.room1.id, ...tomorrow(c, 9, 0, 30) });
    const deactivate = { id: c.room1.id, kind: 'room', name: '诊室1', active: false } as const;
    expect(await c.call('a', 'schedule.resources.save', deactivate)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'has-bookings', upcoming: 1 } } });

    await c.ok('d', 'schedule.appointments.cancel', { id: visit.id, reason: 'Room closing for renovation' });
    expect(await c.ok('a', 'schedule.resources.save', deactivate)).toMatchObject({ active: false });
    expect((await c.ok('d', 'schedule.resources.list', {})).map((r) => r.id)).not.toContain(c.room1.id);
    expect((await c.ok('d', 'schedule.resources.list', { includeInactive: true })).map((r) => r.id)).toContain(c.room1.id);
    expect(await c.call('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.chen.id, roomId: c.room1.id, ...tomorrow(c, 9, 0, 30) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'roomId', code: 'resource-inactive' }] },
    });
    // Past appointments keep showing the room they used.
    expect((await c.ok('d', 'schedule.appointments.get', { id: visit.id })).room).toMatchObject({ id: c.room1.id, name: '诊室1' });
  });
});
