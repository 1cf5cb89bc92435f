import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { fillRegistration } from './harness/registration.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'patients e2e admin' };
const DESK = { username: 'desk', password: 'front desk e2e pass' };

describe('front desk: registration and search in Chromium', () => {
  let ws: Workstation;
  beforeAll(async () => {
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DESK, displayName: '前台', role: 'frontdesk' });
    await signInToApp(ws.page, DESK);
  });
  afterAll(() => ws?.close());

  it('registers a patient, warns of a likely duplicate, and finds both by pinyin initials', async () => {
    const { page } = ws;
    await fillRegistration(page, '张三', '1980-05-01', '13800138000');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('patient-view').waitFor();
    const mrn = (await page.getByTestId('patient-view-mrn').innerText()).trim();
    expect(mrn).toMatch(/^MRN\d+/);

    await fillRegistration(page, '张三', '1980-05-01', '13900139000');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('duplicate-warning').waitFor();
    await page.getByTestId(`duplicate-candidate-${mrn}`).waitFor();
    await ws.screenshot('patients-duplicate-warning');
    await page.getByTestId('duplicate-confirm').click();
    await page.getByTestId('patient-view').waitFor();

    await page.getByTestId('patient-search').fill('zs');
    await expect.poll(() => page.locator('[data-testid^="patient-hit-MRN"]').count()).toBe(2);
    const match = page.getByTestId(`patient-hit-${mrn}`).getByTestId('patient-hit-match');
    expect(await match.getAttribute('data-field')).toBe('initials');
  });

  it('shows field-level messages for bad input and registers nothing', async () => {
    const { page } = ws;
    const before = (await ws.services.vault.store.methods.patients.count()) as number;
    await fillRegistration(page, '<script>alert(1)</script>', '2999-01-01', '13700137000');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(await ws.services.vault.store.methods.patients.count()).toBe(before);
  });
  it('lets the administrator set the record number format for new records, refusing a bad prefix on its field', async () => {
    const { page } = ws;
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
    await signInToApp(page, ADMIN);
    await page.evaluate(() => (window.location.hash = '#/patients'));
    await page.getByTestId('mrn-format-open').click();
    await expect.poll(() => page.getByTestId('mrn-format-next').innerText()).toBe('MRN00000003');
    expect(await page.getByTestId('mrn-format-station').innerText()).not.toBe('');

    await page.getByTestId('mrn-format-prefix').fill('ZY1');
    await page.getByTestId('mrn-format-save').click();
    await expect.poll(() => page.getByTestId('mrn-format-dialog').locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect((await ws.services.vault.store.methods.patients.mrnSettings()).prefix).toBe('MRN');

    await page.getByTestId('mrn-format-prefix').fill('zy');
    await page.getByTestId('mrn-format-width').fill('10');
    await page.getByTestId('mrn-format-save').click();
    await expect.poll(() => page.getByTestId('mrn-format-next').innerText()).toBe('ZY0000000003');
    expect(await ws.services.vault.store.methods.patients.mrnSettings()).toMatchObject({ prefix: 'ZY', width: 10 });
  });
});
