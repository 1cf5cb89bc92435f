import dayjs from 'dayjs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { fillRegistration } from './harness/registration.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

/**
 * The front desk's and the physician's day in one pass, as issue 4 states it:
 * register → duplicate warning → search by pinyin initials → book → check in →
 * the physician writes a visit with vitals and attaches a scan → the timeline
 * shows it → FHIR export → import into a fresh workstation gives the same
 * chart, the scan's file included.
 */
const ADMIN = { username: 'admin', displayName: 'Admin', password: 'flow e2e admin pass' };
const DESK = { username: 'desk', password: 'flow e2e desk pass' };
const DOCTOR = { username: 'drli', password: 'flow e2e doctor pass' };
const CONSOLE = { connectionId: 'test-console' };
/** A 1×1 PNG: the scan the physician attaches, which must arrive byte for byte. */
const SCAN = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e6f60000000049454e44ae426082', 'hex');

async function consoleCall<T>(ws: Workstation, channel: string, request: unknown): Promise<T> {
  const result = await ws.services.router.invoke(CONSOLE, channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** antd puts some test ids on the input itself, others on its wrapper. */
async function inputOf(locator: Locator): Promise<Locator> {
  return (await locator.evaluate((element) => element.tagName)) === 'INPUT' ? locator : locator.locator('input').first();
}

async function register(page: Page, name: string, birthDate: string, phone: string): Promise<void> {
  await fillRegistration(page, name, birthDate, phone);
  await page.getByTestId('register-submit').click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-username').waitFor();
}

/** The chart's clinical content: what a second workstation must show the same, without local ids and clocks. */
function clinicalContent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clinicalContent);
  if (value === null || typeof value !== 'object') return value;
  const local = new Set(['id', 'patientId', 'encounterId', 'appointmentId', 'resourceId', 'userId', 'createdAt', 'updatedAt', 'timeline']);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !local.has(key))
      .map(([key, inner]) => [key, clinicalContent(inner)]),
  );
}

describe('front desk to physician to FHIR, in Chromium', () => {
  let ws: Workstation;
  let fresh: Workstation | undefined;
  let bundlePath: string;
  let scanPath: string;
  let mrn: string;
  let patientId: string;

  beforeAll(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cw-flow-'));
    bundlePath = join(folder, 'chart.json');
    scanPath = join(folder, 'scan.png');
    await writeFile(scanPath, SCAN);
    ws = await startWorkstation({
      keyringOptions: { kdf: E2E_KDF },
      dialogs: { chooseSaveFile: async () => bundlePath, chooseOpenFile: async () => scanPath },
    });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DESK, displayName: '前台', role: 'frontdesk' });
    await createStaff(ws, { ...DOCTOR, displayName: '李医生', role: 'physician' });
    await consoleCall(ws, 'schedule.resources.save', { kind: 'provider', name: 'Dr Li' });
    await signInToApp(ws.page, DESK);
  });
  afterAll(async () => {
    await fresh?.close();
    await ws?.close();
  });

  it('registers, is warned of a duplicate, and finds the patient by pinyin initials', async () => {
    const { page } = ws;
    await register(page, '张三', '1980-05-01', '13800138000');
    await page.getByTestId('patient-view').waitFor();
    mrn = (await page.getByTestId('patient-view-mrn').innerText()).trim();

    await register(page, '张三', '1980-05-01', '13800138000');
    await page.getByTestId('duplicate-warning').waitFor();
    await page.getByTestId(`duplicate-candidate-${mrn}`).waitFor();
    await page.getByTestId(`duplicate-open-${mrn}`).click();
    await page.getByTestId('patient-view').waitFor();
    expect(await consoleCall<unknown[]>(ws, 'patients.search', { query: '张三' })).toHaveLength(1);

    await page.getByTestId('patient-search').fill('zs');
    await page.getByTestId(`patient-hit-${mrn}`).waitFor();
    expect(await page.getByTestId(`patient-hit-${mrn}`).getByTestId('patient-hit-match').getAttribute('data-field')).toBe('initials');
    patientId = (await consoleCall<Array<{ id: string; mrn: string }>>(ws, 'patients.search', { query: mrn }))[0]!.id;
  });

  it('books the patient for now and checks them in from today’s list', async () => {
    const { page } = ws;
    await page.goto(page.url().replace(/#.*$/, '#/schedule/today'));
    await page.getByTestId('today-list').waitFor();
    await page.getByTestId('today-book').click();
    await page.getByTestId('booking-patient').click();
    await page.keyboard.type('zs');
    await page.getByTestId(`booking-patient-option-${mrn}`).click();
    await page.getByTestId('booking-provider').click();
    await page.locator('.ant-select-item-option', { hasText: 'Dr Li' }).click();
    const now = dayjs();
    await page.getByTestId('booking-date').fill(now.format('YYYY-MM-DD'));
    await page.getByTestId('booking-time').fill(now.minute(now.minute() - (now.minute() % 5)).format('HH:mm'));
    await page.getByTestId('booking-submit').click();

    const row = page.getByTestId(`today-row-${mrn}`);
    await row.waitFor();
    await row.getByTestId('appointment-checkin').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('checked-in');
    await signOut(page);
  });

  it('lets the physician write a visit with vitals that the timeline shows', async () => {
    const { page } = ws;
    await signInToApp(page, DOCTOR);
    await page.goto(page.url().replace(/#.*$/, `#/patients/${patientId}`));
    await page.getByTestId('patient-view').waitFor();

    await page.getByTestId('patient-tab-encounters').click();
    await page.getByTestId('encounter-new').click();
    await page.getByTestId('encounter-form').waitFor();
    await page.getByTestId('encounter-chief-complaint').fill('咳嗽三天');
    await page.getByTestId('encounter-assessment').fill('上呼吸道感染');
    await page.getByTestId('diagnosis-add').click();
    await (await inputOf(page.getByTestId('diagnosis-code-0'))).fill('J06.9');
    await (await inputOf(page.getByTestId('diagnosis-text-0'))).fill('急性上呼吸道感染');
    await page.getByTestId('encounter-save').click();

    await page.getByTestId('encounter-vitals-new').click();
    await page.getByTestId('vitals-form').waitFor();
    for (const [measure, value] of [
      ['systolic', '128'],
      ['diastolic', '82'],
      ['heartRate', '88'],
      ['temperature', '37.8'],
      ['height', '172'],
      ['weight', '70'],
    ] as const) {
      await (await inputOf(page.getByTestId(`vitals-${measure}`))).fill(value);
    }
    await page.getByTestId('vitals-submit').click();
    await expect.poll(() => page.getByTestId('encounter-vitals').innerText()).toContain('128/82 mmHg');
    await page.getByTestId('encounter-drawer').locator('.ant-drawer-close').click();

    await page.getByTestId('patient-tab-documents').click();
    await page.getByTestId('document-attach').click();
    await page.getByTestId('document-title').fill('外院胸片');
    await page.getByTestId('document-submit').click();
    await page.locator('[data-testid^="document-view-"]').first().waitFor();

    await page.getByTestId('patient-tab-timeline').click();
    const kinds = () => page.locator('[data-testid^="timeline-item-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    await expect.poll(async () => (await kinds()).sort()).toEqual(expect.arrayContaining(['encounter', 'vitals', 'document']));
    expect(await page.locator('[data-testid^="timeline-item-vitals-"]').first().innerText()).toContain('128/82');
  });

  it('exports the chart as FHIR, and a fresh workstation imports the same chart', async () => {
    const { page } = ws;
    await page.getByTestId('fhir-export').click();
    await page.getByTestId('fhir-export-result').waitFor();
    const bundle = JSON.parse(await readFile(bundlePath, 'utf8')) as { resourceType: string; entry: Array<{ resource: { resourceType: string } }> };
    expect(bundle.resourceType).toBe('Bundle');
    expect(new Set(bundle.entry.map((entry) => entry.resource.resourceType))).toEqual(new Set(['Patient', 'Encounter', 'Observation', 'Condition', 'Appointment', 'DocumentReference']));

    fresh = await startWorkstation({
      keyringOptions: { kdf: E2E_KDF },
      dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => bundlePath },
    });
    await setUpClinic(fresh, ADMIN, '第二诊所');
    await signInToApp(fresh.page, ADMIN);
    await fresh.page.getByTestId('fhir-import-open').click();
    await fresh.page.getByTestId('fhir-import-report').waitFor();
    await fresh.page.getByTestId('fhir-import-open-patient').click();
    await fresh.page.getByTestId('patient-view').waitFor();
    // Another clinic's record number is not this clinic's: the import registers its own and keeps the record's id.
    const importedId = decodeURIComponent(new URL(fresh.page.url()).hash.replace('#/patients/', '').split('/')[0]!);
    expect(importedId).toBe(patientId);

    await consoleCall(ws, 'session.login', { username: DOCTOR.username, password: DOCTOR.password });
    const [original, copy] = await Promise.all([
      consoleCall<object>(ws, 'chart.get', { patientId }),
      consoleCall<object>(fresh, 'chart.get', { patientId: importedId }),
    ]);
    expect(clinicalContent(copy)).toEqual(clinicalContent(original));
    // The scan itself came along, byte for byte, into the fresh workstation's encrypted blob store.
    const [document] = (copy as { documents: { id: string }[] }).documents;
    const shown = await consoleCall<{ base64: string }>(fresh, 'chart.documents.image', { id: document!.id });
    expect(Buffer.from(shown.base64, 'base64').equals(SCAN)).toBe(true);
    const [originalPatient, copiedPatient] = await Promise.all([
      consoleCall<Record<string, unknown>>(ws, 'patients.get', { id: patientId }),
      consoleCall<Record<string, unknown>>(fresh, 'patients.get', { id: importedId }),
    ]);
    for (const field of ['fullName', 'pinyin', 'sex', 'birthDate', 'phones']) expect(copiedPatient[field]).toEqual(originalPatient[field]);
  });
});
