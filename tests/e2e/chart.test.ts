import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransferSyntaxFixtures } from '../fixtures/dicom/transfer-syntaxes.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'chart e2e admin pass' };
const DESK = { username: 'desk', password: 'chart e2e desk pass' };
const DOCTOR = { username: 'drwang', password: 'chart e2e doctor pass' };
const HOSTILE = '<img src=x onerror="window.__pwned=1"> <b>bold</b>';
/** A 1×1 PNG, the scan the file chooser hands over. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e6f60000000049454e44ae426082', 'hex');

/** The text input behind a test id: antd puts some test ids on the input itself, others on its wrapper. */
async function inputOf(locator: Locator): Promise<Locator> {
  return (await locator.evaluate((element) => element.tagName)) === 'INPUT' ? locator : locator.locator('input').first();
}

async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = await inputOf(page.getByTestId(testId));
  await input.fill(value);
}

describe('physician: chart in Chromium', () => {
  let ws: Workstation;
  let patientId: string;
  let encounterId: string;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-chart-e2e-'));
    await writeFile(join(folder, 'scan.png'), PNG);
    ws = await startWorkstation({
      keyringOptions: { kdf: E2E_KDF },
      dialogs: { chooseOpenFile: async () => join(folder, 'scan.png'), chooseSaveFile: async () => null },
    });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DESK, role: 'frontdesk' });
    await createStaff(ws, { ...DOCTOR, displayName: '王医生', role: 'physician' });
    const desk = { connectionId: 'desk-console' };
    await ws.services.router.invoke(desk, 'session.login', DESK);
    const registered = await ws.services.router.invoke(desk, 'patients.register', { patient: { fullName: '赵六', sex: 'female', birthDate: '1965-07-12' }, confirmedNotDuplicate: true });
    if (!registered.ok) throw new Error(registered.error.message);
    patientId = (registered.value as { id: string }).id;
    await signInToApp(ws.page, DOCTOR);
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('opens a patient and writes a visit with a diagnosis looked up in the ICD-10 list', async () => {
    const { page } = ws;
    await page.getByTestId('patient-search').fill('zl');
    await page.locator('[data-testid^="patient-hit-MRN"]').first().click();
    await page.getByTestId('patient-view').waitFor();

    await page.getByTestId('patient-tab-encounters').click();
    await page.getByTestId('encounter-new').click();
    await page.getByTestId('encounter-form').waitFor();
    await page.getByTestId('encounter-chief-complaint').fill('头晕一周');
    await page.getByTestId('encounter-subjective').fill(HOSTILE);
    await page.getByTestId('encounter-assessment').fill('血压控制欠佳');
    await page.getByTestId('diagnosis-add').click();
    await (await inputOf(page.getByTestId('diagnosis-code-0'))).fill('gxy');
    await page.getByTestId('icd10-option-I10').click();
    expect(await (await inputOf(page.getByTestId('diagnosis-text-0'))).inputValue()).toBe('原发性高血压');
    await page.getByTestId('encounter-save').click();
    await page.getByTestId('encounter-vitals-new').waitFor();

    const item = page.locator('[data-testid^="encounter-item-"]').first();
    await item.waitFor();
    encounterId = (await item.getAttribute('data-testid'))!.replace('encounter-item-', '');
    expect(await item.innerText()).toContain('I10');
  });

  it('refuses out-of-range vitals on their fields, then records a valid set for the visit', async () => {
    const { page } = ws;
    await page.getByTestId('encounter-vitals-new').click();
    await page.getByTestId('vitals-form').waitFor();
    await fillNumber(page, 'vitals-systolic', '400');
    await fillNumber(page, 'vitals-diastolic', '80');
    await fillNumber(page, 'vitals-temperature', '98.6');
    await page.getByTestId('vitals-submit').click();

    const errors = page.getByTestId('vitals-form').locator('.ant-form-item-explain-error');
    await expect.poll(() => errors.allInnerTexts()).toEqual(expect.arrayContaining(['应在 40–300 mmHg 之间', '应在 25–45 °C 之间']));
    await ws.screenshot('chart-vitals-out-of-range');
    const console = { connectionId: 'desk-console' };
    const chart = await ws.services.router.invoke(console, 'chart.get', { patientId });
    expect(chart.ok && (chart.value as { vitals: unknown[] }).vitals).toEqual([]);

    await fillNumber(page, 'vitals-systolic', '150');
    await fillNumber(page, 'vitals-diastolic', '95');
    await fillNumber(page, 'vitals-temperature', '36.7');
    await fillNumber(page, 'vitals-heartRate', '78');
    await fillNumber(page, 'vitals-height', '160');
    await fillNumber(page, 'vitals-weight', '64');
    await page.getByTestId('vitals-submit').click();
    await expect.poll(() => page.getByTestId('encounter-vitals').innerText()).toContain('150/95 mmHg');
    expect(await page.getByTestId('encounter-vitals').innerText()).toContain('BMI 25');
  });

  it('signs the visit read-only and shows note text as text, never markup', async () => {
    const { page } = ws;
    await page.getByTestId('encounter-sign').click();
    await page.getByTestId('encounter-sign-confirm').click();
    await page.getByTestId('encounter-view').waitFor();
    expect(await page.getByTestId('encounter-view-subjective').innerText()).toBe(HOSTILE);
    expect(await page.getByTestId('encounter-view').locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByTestId('addendum-text').fill('复测血压 140/90');
    await page.getByTestId('addendum-submit').click();
    await expect.poll(() => page.getByTestId('encounter-view-addenda').innerText()).toContain('复测血压 140/90');
    await page.getByTestId('encounter-drawer').locator('.ant-drawer-close').click();
    await page.getByTestId('encounter-drawer').waitFor({ state: 'detached' });
  });

  it('shows the visit and its vitals on the timeline and the vitals trend', async () => {
    const { page } = ws;
    await page.getByTestId('patient-tab-timeline').click();
    await page.getByTestId(`timeline-item-encounter-${encounterId}`).waitFor();
    const vitalsItem = page.locator('[data-testid^="timeline-item-vitals-"]');
    await expect.poll(() => vitalsItem.count()).toBe(1);
    expect(await vitalsItem.innerText()).toContain('150/95');
    const entries = await page
      .locator('[data-testid^="timeline-item-"]')
      .evaluateAll((items) => items.map((item) => ({ kind: item.getAttribute('data-kind'), at: Number(item.getAttribute('data-at')) })));
    expect(entries.map((entry) => entry.kind).sort()).toEqual(['encounter', 'vitals']);
    // Newest first.
    expect(entries[0]!.at).toBeGreaterThanOrEqual(entries[1]!.at);

    await page.getByTestId('patient-tab-vitals').click();
    const trend = page.getByTestId('vitals-trend');
    await trend.waitFor();
    // Systolic and diastolic, one point each.
    expect(await trend.getAttribute('data-points')).toBe('2');
    await expect.poll(() => trend.locator('canvas').count()).toBeGreaterThan(0);
    await ws.screenshot('chart-vitals-trend');
  });

  it('prints a visit summary: only the sheet reaches the PDF', async () => {
    const { page } = ws;
    await page.getByTestId('patient-tab-encounters').click();
    await page.getByTestId(`encounter-item-${encounterId}`).click();
    await page.getByTestId('encounter-print').click();
    const summary = page.getByTestId('visit-summary');
    await summary.waitFor();
    expect(await page.getByTestId('visit-summary-diagnoses').innerText()).toContain('I10');
    expect(await summary.innerText()).toContain('赵六');
    await ws.screenshot('chart-visit-summary');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('app-frame').isVisible()).toBe(false);
    expect(await page.getByTestId('visit-summary-print').isVisible()).toBe(false);
    expect(await summary.locator('article').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('visit-summary-back').click();
    await summary.waitFor({ state: 'detached' });
    // Back where the summary was opened: the visit's drawer.
    await page.getByTestId('encounter-drawer').locator('.ant-drawer-close').click();
    await page.getByTestId('encounter-drawer').waitFor({ state: 'detached' });
  });

  it('keeps the header’s allergy flag in step with the allergy list', async () => {
    const { page } = ws;
    expect(await page.getByTestId('patient-view-allergies').getAttribute('data-state')).toBe('unknown');
    await page.getByTestId('patient-tab-problems').click();
    await page.getByTestId('allergy-new').click();
    await page.getByTestId('allergy-substance').fill('青霉素');
    await page.getByTestId('allergy-reaction').fill('皮疹');
    await page.getByTestId('allergy-submit').click();
    await expect.poll(() => page.getByTestId('patient-view-allergies').getAttribute('data-state')).toBe('has');
    expect(await page.getByTestId('allergy-table').innerText()).toContain('青霉素');
  });

  it('attaches a scan, kept encrypted, and shows it decrypted', async () => {
    const { page } = ws;
    await page.getByTestId('patient-tab-documents').click();
    await page.getByTestId('document-attach').click();
    await page.getByTestId('document-title').fill('外院心电图');
    await page.getByTestId('document-submit').click();
    const view = page.locator('[data-testid^="document-view-"]');
    await view.first().waitFor();
    expect(await page.getByTestId('document-table').innerText()).toContain('外院心电图');
    await view.first().click();
    const image = page.getByTestId('document-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);
  });
  it('opens a linked study from the chart’s imaging tab in the imaging section’s viewer', async () => {
    const { page } = ws;
    // A real DICOM study, imported and linked to this chart as the imaging section would.
    const dicom = join(folder, 'dicom');
    await generateTransferSyntaxFixtures(dicom, ['explicit-little-endian']);
    expect((await ws.services.imports.run(null, [dicom])).imported).toBe(1);
    const admin = { connectionId: 'admin-console' };
    await ws.services.router.invoke(admin, 'session.login', { username: ADMIN.username, password: ADMIN.password });
    const studies = await ws.services.router.invoke(admin, 'imaging.studies.list', {});
    if (!studies.ok) throw new Error(studies.error.message);
    const studyId = (studies.value as { id: string }[])[0]!.id;
    const linked = await ws.services.router.invoke(admin, 'imaging.reconcile.link', { studyId, patientId, acknowledgeMismatches: true });
    if (!linked.ok) throw new Error(linked.error.message);

    // Away and back, so the chart is read again with the study linked.
    await page.evaluate(() => (window.location.hash = '#/patients'));
    await page.getByTestId('patient-search').waitFor();
    await page.evaluate((id) => (window.location.hash = `#/patients/${id}`), patientId);
    await page.getByTestId('patient-view').waitFor();
    await page.getByTestId('patient-tab-imaging').click();
    await page.getByTestId(`chart-imaging-open-${studyId}`).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/imaging/studies/${studyId}`);
    await page.getByTestId('imaging-page').waitFor();
    // The link lands on the viewer with that study open, and closing it goes back to the study list.
    await page.getByTestId('study-viewer').waitFor();
    await page.getByTestId('viewer-close').click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/imaging');
    await page.getByTestId('imaging-tabs').waitFor();
  }, 120_000);
});
