import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientInput } from '../../preload/contract/patients.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'schedule e2e admin' };
const DESK = { username: 'desk', password: 'front desk e2e pass' };
const CONSOLE = { connectionId: 'test-console' };

async function console<T>(ws: Workstation, channel: string, request: unknown): Promise<T> {
  const result = await ws.services.router.invoke(CONSOLE, channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** Types into the booking form's patient finder and picks the patient by record number. */
async function pickPatient(page: Page, query: string, mrn: string): Promise<void> {
  await page.getByTestId('booking-patient').click();
  await page.keyboard.type(query);
  await page.getByTestId(`booking-patient-option-${mrn}`).click();
}

describe('front desk: scheduling in Chromium', () => {
  let ws: Workstation;
  let wangId: string;
  const mrns: Record<string, string> = {};

  beforeAll(async () => {
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DESK, displayName: '前台', role: 'frontdesk' });
    wangId = (await console<{ id: string }>(ws, 'schedule.resources.save', { kind: 'provider', name: 'Dr Wang' })).id;
    await console(ws, 'schedule.resources.save', { kind: 'room', name: '诊室1' });
    const patients: PatientInput[] = [
      { fullName: '张三', sex: 'male', birthDate: '1980-05-01' },
      { fullName: '李四', sex: 'female', birthDate: '1992-11-23' },
      { fullName: '王五', sex: 'male', birthDate: '1975-03-09' },
    ];
    for (const patient of patients) mrns[patient.fullName] = (await console<{ mrn: string }>(ws, 'patients.register', { patient, confirmedNotDuplicate: true })).mrn;
    await signInToApp(ws.page, DESK);
  });
  afterAll(() => ws?.close());

  it('books from a calendar slot, by mouse and by keyboard; a double booking is refused with the conflict shown, and another slot is picked', async () => {
    const { page } = ws;
    await page.goto(page.url().replace(/#.*$/, '#/schedule/calendar'));
    await page.getByTestId('calendar-grid').waitFor();
    await page.getByTestId('calendar-next').click();
    const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');

    await page.getByTestId(`slot-${wangId}-0900`).click();
    expect(await page.getByTestId('booking-date').inputValue()).toBe(tomorrow);
    expect(await page.getByTestId('booking-time').inputValue()).toBe('09:00');
    await pickPatient(page, 'zs', mrns['张三']!);
    await page.getByTestId('booking-reason').fill('复诊');
    await page.getByTestId('booking-submit').click();
    await page.getByTestId(`calendar-appointment-${mrns['张三']}`).waitFor();

    // Keyboard: from 08:45, one slot down is 09:00; Enter books it.
    await page.getByTestId(`slot-${wangId}-0845`).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`slot-${wangId}-0900`);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('booking-time').inputValue()).toBe('09:00');
    // A fresh form, not the last booking's.
    expect(await page.getByTestId('booking-reason').inputValue()).toBe('');
    await pickPatient(page, 'ls', mrns['李四']!);
    await page.getByTestId('booking-submit').click();

    const conflict = page.getByTestId('booking-conflict');
    await conflict.waitFor();
    const detail = page.getByTestId('booking-conflict-detail');
    await expect.poll(() => detail.innerText()).toContain('张三');
    expect(await detail.innerText()).toContain('09:00–09:15');
    expect(await detail.innerText()).toContain('Dr Wang');
    await ws.screenshot('schedule-double-booking');

    await page.getByTestId('conflict-slot-0915').click();
    expect(await page.getByTestId('booking-time').inputValue()).toBe('09:15');
    await page.getByTestId('booking-submit').click();
    await page.getByTestId(`calendar-appointment-${mrns['李四']}`).waitFor();

    const booked = await console<Array<{ patient: { mrn: string }; start: number }>>(ws, 'schedule.appointments.list', {
      from: dayjs(tomorrow).valueOf(),
      to: dayjs(tomorrow).add(1, 'day').valueOf(),
    });
    expect(booked.map((a) => [a.patient.mrn, dayjs(a.start).format('HH:mm')])).toEqual([
      [mrns['张三'], '09:00'],
      [mrns['李四'], '09:15'],
    ]);
  });

  it('books for today from the front desk list and checks the patient in there', async () => {
    const { page } = ws;
    await page.getByTestId('schedule-tab-today').click();
    await page.getByTestId('today-list').waitFor();
    await page.getByTestId('today-book').click();
    await pickPatient(page, 'ww', mrns['王五']!);
    await page.getByTestId('booking-provider').click();
    await page.locator('.ant-select-item-option', { hasText: 'Dr Wang' }).click();
    // Now, on the five-minute grid: a walk-in booked as it happens.
    const now = dayjs();
    await page.getByTestId('booking-date').fill(now.format('YYYY-MM-DD'));
    await page.getByTestId('booking-time').fill(now.minute(now.minute() - (now.minute() % 5)).format('HH:mm'));
    await page.getByTestId('booking-submit').click();

    const row = page.getByTestId(`today-row-${mrns['王五']}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('booked');
    await row.getByTestId('appointment-checkin').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('checked-in');
    expect(await page.getByTestId('today-count-checked-in').innerText()).toContain('1');
    await ws.screenshot('schedule-today-checked-in');

    const { entries } = await console<{ entries: Array<{ action: string; entityType: string | null; username: string | null; detail: string | null }> }>(ws, 'audit.query', { limit: 5 });
    expect(entries.find((entry) => entry.entityType === 'appointment' && entry.detail === 'booked → checked-in')).toMatchObject({ username: DESK.username });
  });
});
