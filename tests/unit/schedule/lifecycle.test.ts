import { describe, expect, it } from 'vitest';
import { counts, dayAt, tomorrow, useScheduleClinic } from './helpers.ts';

describe('appointment life cycle', () => {
  const clinic = useScheduleClinic();

  it('checks in, then out; refuses steps out of order with the reason, writing nothing', async () => {
    const c = clinic();
    const visit = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) });
    const before = await counts(c);
    expect(await c.call('p', 'schedule.appointments.checkOut', { id: visit.id })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Only a checked-in appointment can be checked out (this one is booked).',
        details: { reason: 'transition', action: 'checkOut', from: 'booked' },
      },
    });
    expect(await counts(c)).toEqual(before);

    const arrived = await c.ok('n', 'schedule.appointments.checkIn', { id: visit.id });
    expect(arrived).toMatchObject({ status: 'checked-in', checkedInAt: c.clock.now(), checkedOutAt: null });
    for (const channel of ['schedule.appointments.checkIn', 'schedule.appointments.noShow'] as const) {
      expect(await c.call('d', channel, { id: visit.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'transition', from: 'checked-in' } } });
    }
    expect(await c.call('d', 'schedule.appointments.reschedule', { id: visit.id, ...tomorrow(c, 10, 0, 30) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Only a booked appointment can be rescheduled (this one is checked-in).' },
    });

    // Time passes, but not past the idle lock.
    c.clock.advance(5 * 60_000);
    const done = await c.ok('p', 'schedule.appointments.checkOut', { id: visit.id });
    expect(done).toMatchObject({ status: 'checked-out', checkedInAt: arrived.checkedInAt, checkedOutAt: c.clock.now() });
    expect(await c.call('d', 'schedule.appointments.cancel', { id: visit.id, reason: 'Too late' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'transition', from: 'checked-out' } },
    });
    // A finished visit still holds its slot.
    expect(await c.call('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('cancels only with a reason, and never twice', async () => {
    const c = clinic();
    const visit = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) });
    for (const reason of ['', '   ', 'x'.repeat(501), 'line\nbreak']) {
      expect(await c.call('d', 'schedule.appointments.cancel', { id: visit.id, reason })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'reason' }] } });
    }
    expect(await c.call('d', 'schedule.appointments.cancel', { id: visit.id } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'reason' }] } });
    const cancelled = await c.ok('d', 'schedule.appointments.cancel', { id: visit.id, reason: '  Patient is travelling  ' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Patient is travelling' });
    expect(await c.call('d', 'schedule.appointments.cancel', { id: visit.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await c.call('d', 'schedule.appointments.cancel', { id: 'no-such-appointment', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('marks a no-show only once the appointment has started, and frees its slot', async () => {
    const c = clinic();
    const start = Math.ceil(c.clock.now() / 60_000) * 60_000 + 60_000;
    const slot = { start, end: start + 30 * 60_000 };
    const visit = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...slot });
    expect(await c.call('d', 'schedule.appointments.noShow', { id: visit.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'not-started' } } });
    c.clock.advance(2 * 60_000);
    expect(await c.ok('d', 'schedule.appointments.noShow', { id: visit.id })).toMatchObject({ status: 'no-show' });
    await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, ...slot });
  });

  it('lets the front desk and administrators book, not clinicians; check-in and check-out by who receives and who treats', async () => {
    const c = clinic();
    const request = { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 9, 0, 30) };
    for (const connection of ['p', 'n']) {
      expect(await c.call(connection, 'schedule.appointments.book', request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await c.call('anonymous', 'schedule.appointments.today', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const visit = await c.ok('a', 'schedule.appointments.book', request);
    expect(await c.call('p', 'schedule.appointments.reschedule', { id: visit.id, ...tomorrow(c, 10, 0, 30) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.call('p', 'schedule.appointments.cancel', { id: visit.id, reason: 'No' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.call('p', 'schedule.appointments.checkIn', { id: visit.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await c.ok('n', 'schedule.appointments.checkIn', { id: visit.id });
    await c.ok('p', 'schedule.appointments.checkOut', { id: visit.id });
    expect((await c.ok('p', 'schedule.appointments.get', { id: visit.id })).status).toBe('checked-out');
  });

  it('lists today for the front desk by start time, every status included', async () => {
    const c = clinic();
    const today = (hour: number, minute = 0) => ({ start: dayAt(c, 0, hour, minute), end: dayAt(c, 0, hour, minute) + 20 * 60_000 });
    const eleven = await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...today(11) });
    const eight = await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.chen.id, ...today(8) });
    const halfNine = await c.ok('d', 'schedule.appointments.book', { patientId: c.li, providerId: c.wang.id, roomId: c.ct.id, ...today(9, 30) });
    await c.ok('d', 'schedule.appointments.book', { patientId: c.zhang, providerId: c.wang.id, ...tomorrow(c, 8, 0, 20) });
    await c.ok('d', 'schedule.appointments.cancel', { id: eleven.id, reason: 'Rebooking next week' });
    await c.ok('d', 'schedule.appointments.checkIn', { id: eight.id });

    const list = await c.ok('d', 'schedule.appointments.today', {});
    expect(list.map((a) => [a.id, a.status])).toEqual([
      [eight.id, 'checked-in'],
      [halfNine.id, 'booked'],
      [eleven.id, 'cancelled'],
    ]);
    expect((await c.ok('d', 'schedule.appointments.today', { resourceIds: [c.ct.id] })).map((a) => a.id)).toEqual([halfNine.id]);
  });
});
