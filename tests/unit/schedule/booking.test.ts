import { describe, expect, it } from 'vitest';
import { counts, dayAt, outbox, tomorrow, useScheduleClinic } from './helpers.ts';

describe('booking', () => {
  const clinic = useScheduleClinic();

  it('books a provider and a room, and shows it in the day view with the patient summary', async () => {
    const c = clinic();
    const slot = tomorrow(c, 9, 0, 30);
    const booked = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, roomId: c.room1.id, ...slot, reason: '复诊 follow-up' });
    expect(booked).toMatchObject({
      status: 'booked',
      patient: { id: c.zhang, fullName: '张三', mrn: expect.any(String) },
      provider: { id: c.wang.id, kind: 'provider', name: 'Dr Wang' },
      room: { id: c.room1.id, kind: 'room', name: '诊室1' },
      ...slot,
      reason: '复诊 follow-up',
      cancelReason: null,
      checkedInAt: null,
    });

    const day = { from: dayAt(c, 1, 0), to: dayAt(c, 2, 0) };
    expect(await c.ok('p', 'schedule.appointments.list', day)).toEqual([booked]);
    expect(await c.ok('p', 'schedule.appointments.list', { ...day, resourceIds: [c.room1.id] })).toEqual([booked]);
    expect(await c.ok('p', 'schedule.appointments.list', { ...day, resourceIds: [c.chen.id, c.ct.id] })).toEqual([]);
    expect(await c.ok('p', 'schedule.appointments.list', { from: dayAt(c, 2, 0), to: dayAt(c, 3, 0) })).toEqual([]);
    expect(await c.ok('n', 'schedule.appointments.forPatient', { patientId: c.zhang })).toEqual([booked]);
    expect(await c.ok('n', 'schedule.appointments.get', { id: booked.id })).toEqual(booked);
  });

  it('refuses an overlapping booking of the same provider, names the appointment in the way, and writes nothing', async () => {
    const c = clinic();
    const first = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) });
    const before = await counts(c);

    const result = await c.call('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 9, 15, 30) });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        details: { reason: 'double-booked', appointmentId: first.id, start: first.start, end: first.end, resourceId: c.wang.id, resourceName: 'Dr Wang', field: 'providerId' },
      },
    });
    expect(JSON.stringify(result)).not.toContain('张三');
    expect(await counts(c)).toEqual(before);

    // Back to back is not an overlap.
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 9, 30, 30) });
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 8, 30, 30) });
    // Another provider is free at the same time.
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.chen.id, ...tomorrow(c, 9, 0, 30) });
  });

  it('frees the slot of a cancelled appointment', async () => {
    const c = clinic();
    const first = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) });
    expect((await c.call('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) })).ok).toBe(false);
    await c.ok('d', 'schedule.appointments.cancel', { id: first.id, reason: 'Patient called to cancel' });
    const second = await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) });
    const day = { from: dayAt(c, 1, 0), to: dayAt(c, 2, 0) };
    expect((await c.ok('d', 'schedule.appointments.list', day)).map((a) => a.id)).toEqual([second.id]);
    expect((await c.ok('d', 'schedule.appointments.list', { ...day, includeCancelled: true })).map((a) => [a.id, a.status])).toEqual([
      [first.id, 'cancelled'],
      [second.id, 'booked'],
    ]);
  });

  it('refuses a room or modality already booked by another provider', async () => {
    const c = clinic();
    const scan = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, roomId: c.ct.id, ...tomorrow(c, 14, 0, 20) });
    expect(await c.call('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.chen.id, roomId: c.ct.id, ...tomorrow(c, 14, 10, 20) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'double-booked', appointmentId: scan.id, resourceName: 'CT', field: 'roomId' } },
    });
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.chen.id, roomId: c.room1.id, ...tomorrow(c, 14, 10, 20) });
  });

  it('refuses a reschedule onto a taken slot, and moves within its own or changes resources', async () => {
    const c = clinic();
    const nine = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, roomId: c.room1.id, ...tomorrow(c, 9, 0, 30) });
    const ten = await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 10, 0, 30) });

    expect(await c.call('d', 'schedule.appointments.reschedule', { id: ten.id, ...tomorrow(c, 9, 15, 30) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'double-booked', appointmentId: nine.id } },
    });
    expect(await c.ok('d', 'schedule.appointments.get', { id: ten.id })).toEqual(ten);

    // Overlapping only itself is fine.
    expect(await c.ok('d', 'schedule.appointments.reschedule', { id: nine.id, ...tomorrow(c, 9, 10, 30) })).toMatchObject({ ...tomorrow(c, 9, 10, 30), room: { id: c.room1.id } });
    // A new provider frees the clash with Dr Wang, but the room is still the nine o'clock's.
    expect(await c.call('d', 'schedule.appointments.reschedule', { id: ten.id, ...tomorrow(c, 9, 15, 30), providerId: c.chen.id, roomId: c.room1.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'double-booked', appointmentId: nine.id, resourceName: '诊室1', field: 'roomId' } },
    });
    const moved = await c.ok('d', 'schedule.appointments.reschedule', { id: ten.id, ...tomorrow(c, 9, 15, 30), providerId: c.chen.id });
    expect(moved).toMatchObject({ status: 'booked', provider: { id: c.chen.id }, room: null, ...tomorrow(c, 9, 15, 30) });
    // Null releases the room; the provider stays.
    expect(await c.ok('d', 'schedule.appointments.reschedule', { id: nine.id, ...tomorrow(c, 9, 10, 30), roomId: null })).toMatchObject({ provider: { id: c.wang.id }, room: null });
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.chen.id, roomId: c.room1.id, ...tomorrow(c, 10, 0, 30) });
  });

  it('reports bad input field by field and writes nothing', async () => {
    const c = clinic();
    const before = await counts(c);
    const book = (patch: Record<string, unknown>) =>
      c.call('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30), ...patch } as never);
    const start = dayAt(c, 1, 9);

    expect(await book({ end: start - 30 * 60_000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'end', message: 'The end must be after the start' }] } });
    expect(await book({ end: start + 3 * 60_000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'end' }] } });
    expect(await book({ end: start + 9 * 60 * 60_000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'end' }] } });
    expect(await book({ start: start + 1_000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'start' }] } });
    expect(await book({ reason: 'x'.repeat(10_000) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'reason' }] } });
    expect(await book({ extra: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await book({ start: dayAt(c, -2, 9), end: dayAt(c, -2, 10) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'start' }] } });
    expect(await book({ patientId: 'no-such-patient' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'patientId' }] } });
    expect(await book({ providerId: 'no-such-provider' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'providerId' }] } });
    expect(await book({ providerId: c.room1.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'providerId', code: 'wrong-kind' }] } });
    expect(await book({ roomId: c.chen.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'roomId', code: 'wrong-kind' }] } });

    expect(await counts(c)).toEqual(before);
    expect(await c.ok('d', 'schedule.appointments.forPatient', { patientId: c.zhang })).toEqual([]);
  });

  it('audits each change against the patient and captures it for sync, in the same transaction', async () => {
    const c = clinic();
    const slot = tomorrow(c, 11, 0, 15);
    const booked = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, roomId: c.ct.id, ...slot });
    await c.ok('d', 'schedule.appointments.reschedule', { id: booked.id, ...tomorrow(c, 11, 30, 15) });
    await c.ok('d', 'schedule.appointments.cancel', { id: booked.id, reason: 'Scanner maintenance' });

    const { entries } = await c.ok('a', 'audit.query', { patientId: c.zhang });
    const trail = entries.filter((e) => e.entityType === 'appointment').reverse();
    expect(trail.map((e) => [e.action, e.entityId, e.username, e.detail])).toEqual([
      ['record.create', booked.id, 'desk1', null],
      ['record.update', booked.id, 'desk1', 'rescheduled'],
      ['record.update', booked.id, 'desk1', 'booked → cancelled'],
    ]);

    const changes = outbox(c).filter((row) => row.entityId === booked.id);
    expect(changes).toEqual([
      { entity: 'appointment', entityId: booked.id, op: 'upsert', fields: { patientId: c.zhang, providerId: c.wang.id, roomId: c.ct.id, ...slot, reason: '', status: 'booked' } },
      { entity: 'appointment', entityId: booked.id, op: 'upsert', fields: { ...tomorrow(c, 11, 30, 15), providerId: c.wang.id, roomId: c.ct.id } },
      { entity: 'appointment', entityId: booked.id, op: 'upsert', fields: { status: 'cancelled', cancelReason: 'Scanner maintenance' } },
    ]);
    // Listing is schedule data, not a chart read: no audit entry.
    const total = (await c.ok('a', 'audit.query', {})).total;
    await c.ok('p', 'schedule.appointments.list', { from: dayAt(c, 1, 0), to: dayAt(c, 2, 0) });
    await c.ok('p', 'schedule.appointments.forPatient', { patientId: c.zhang });
    expect((await c.ok('a', 'audit.query', {})).total).toBe(total);
  });

  it('moves the appointments of a merged duplicate to the surviving record', async () => {
    const c = clinic();
    const booked = await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 14, 0, 20), reason: 'check-up' });
    await c.ok('a', 'patients.merge', { survivorId: c.zhang, duplicateId: c.li });
    expect((await c.ok('n', 'schedule.appointments.forPatient', { patientId: c.zhang })).map((a) => a.id)).toEqual([booked.id]);
    expect((await c.ok('n', 'schedule.appointments.get', { id: booked.id })).patient.id).toBe(c.zhang);
  });
});

