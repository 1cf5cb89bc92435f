import Database from '@signalapp/sqlcipher';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransferSyntaxFixtures } from '../fixtures/dicom/transfer-syntaxes.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'study reports e2e admin' };
const READER = { username: 'reader', password: 'study reports e2e reader' };
const DOCTOR = { username: 'doctor', password: 'study reports e2e doctor' };
const CONSOLE = { connectionId: 'admin-console' };

async function invoke<T>(ws: Workstation, channel: string, request: unknown): Promise<T> {
  const result = await ws.services.router.invoke(CONSOLE, channel as never, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** The chart's imaging tab, read afresh. */
async function chartImaging(page: Page, patientId: string): Promise<string> {
  await page.evaluate(() => (window.location.hash = '#/patients'));
  await page.getByTestId('patient-search').waitFor();
  await page.evaluate((id) => (window.location.hash = `#/patients/${id}`), patientId);
  await page.getByTestId('patient-view').waitFor();
  await page.getByTestId('patient-tab-imaging').click();
  return page.getByTestId('chart-imaging').innerText();
}

async function openReport(page: Page): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/imaging'));
  await page.getByTestId('imaging-page').waitFor();
  await page.locator('[data-testid^="study-open-"]').first().click();
  await page.getByTestId('study-viewer').waitFor();
  await page.getByTestId('side-tab-report').click();
  await page.getByTestId('report-panel').waitFor();
}

describe('imaging reports in Chromium', () => {
  let ws: Workstation;
  let folder: string;
  let patientId: string;
  let studyId: string;
  let doctorPage: Page;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-reports-e2e-'));
    await generateTransferSyntaxFixtures(folder, ['explicit-little-endian']);
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...READER, displayName: '李放射', role: 'radiologist' });
    await createStaff(ws, { ...DOCTOR, displayName: '王医生', role: 'physician' });
    await ws.services.router.invoke(CONSOLE, 'session.login', { username: ADMIN.username, password: ADMIN.password });
    patientId = (await invoke<{ id: string }>(ws, 'patients.register', { patient: { fullName: '钱七', sex: 'male', birthDate: '1958-03-02' }, confirmedNotDuplicate: true })).id;
    expect((await ws.services.imports.run(null, [folder])).imported).toBe(1);
    studyId = (await invoke<{ id: string }[]>(ws, 'imaging.studies.list', {}))[0]!.id;
    await invoke(ws, 'imaging.reconcile.link', { studyId, patientId, acknowledgeMismatches: true });
    await signInToApp(ws.page, READER);
    doctorPage = await ws.openPage();
    await signInToApp(doctorPage, DOCTOR);
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('a radiologist drafts, signs and adds an addendum; the signed report is in the patient’s chart', async () => {
    const { page } = ws;
    await openReport(page);
    await page.getByTestId('report-findings').fill('双肺纹理清晰。');
    await page.getByTestId('report-impression').fill('胸部CT未见异常。');
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-sign').click();
    await page.getByTestId('report-sign-confirm').click();
    await page.getByTestId('report-signed-text').waitFor();
    expect(await page.getByTestId('report-signed-text').innerText()).toContain('胸部CT未见异常。');
    // Signed: read-only, addenda only.
    expect(await page.getByTestId('report-findings').count()).toBe(0);
    await page.getByTestId('report-addendum-text').fill('与2024年片对比无变化。');
    await page.getByTestId('report-addendum-add').click();
    await expect.poll(() => page.getByTestId('report-addendum').count()).toBe(1);

    expect(await chartImaging(doctorPage, patientId)).toContain('胸部CT未见异常。');
  }, 60_000);

  it('a report written for the same study on another workstation while apart is shown read-only beside it, and in the chart', async () => {
    // What sync keeps when two desks each reported the study (main/sync/entities/imaging-reports.node.ts), written here directly.
    const db = new Database(join(ws.dataDir, 'records.db'));
    try {
      db.pragma(`key = "x'${ws.services.vault.dbKey.toString('hex')}'"`);
      db.pragma('busy_timeout = 10000');
      const signedAt = Date.UTC(2026, 10, 20, 9, 30);
      db.prepare(
        `INSERT INTO imaging_concurrent_reports (id, study_id, status, findings, impression, author_id, author_name, signed_at, signed_by, signed_by_name, created_at, updated_at, addenda)
         VALUES (?, ?, 'signed', ?, ?, 'u-zhou', '周医生', ?, 'u-zhou', '周医生', ?, ?, ?)`,
      ).run([
        '01900000-0000-7000-8000-000000000001',
        studyId,
        '右肺上叶见一小结节。',
        '右肺上叶结节，建议随访。',
        signedAt,
        signedAt - 60_000,
        signedAt,
        JSON.stringify([{ id: 'a-zhou', text: '三个月后复查。', author: { id: 'u-zhou', name: '周医生' }, createdAt: signedAt + 60_000 }]),
      ]);
    } finally {
      db.close();
    }
    const { page } = ws;
    await page.getByTestId('viewer-close').click();
    await openReport(page);
    const other = page.getByTestId('report-concurrent');
    await other.waitFor();
    const text = await other.innerText();
    expect(text).toContain('右肺上叶结节，建议随访。');
    expect(text).toContain('三个月后复查。');
    expect(await other.locator('textarea').count()).toBe(0);
    // The study's own signed report is still the one that takes addenda.
    expect(await page.getByTestId('report-signed-text').first().innerText()).toContain('胸部CT未见异常。');

    const chart = await chartImaging(doctorPage, patientId);
    expect(chart).toContain('胸部CT未见异常。');
    expect(chart).toContain('右肺上叶结节，建议随访。');
  }, 60_000);
});
