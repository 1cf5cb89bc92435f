import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'import e2e admin pass' };
const DESK = { username: 'desk', password: 'front desk e2e pass' };
const CONSOLE = { connectionId: 'test-console' };
/** Chinese Excel's plain "CSV": GB18030, CRLF, a quoted cell with a line break. */
const FIXTURE = join(import.meta.dirname, '../fixtures/csv/patients-e2e-gbk.csv');

describe('front desk: CSV import of a patient list in Chromium', () => {
  let ws: Workstation;
  let chosen: string | null = null;
  let existingMrn: string;

  beforeAll(async () => {
    ws = await startWorkstation({
      keyringOptions: { kdf: E2E_KDF },
      dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => chosen },
    });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DESK, displayName: '前台', role: 'frontdesk' });
    const registered = await ws.services.router.invoke(CONSOLE, 'patients.register', { patient: { fullName: '张三', sex: 'male', birthDate: '1980-05-01' } });
    if (!registered.ok) throw new Error(registered.error.message);
    existingMrn = (registered.value as { mrn: string }).mrn;
    await signInToApp(ws.page, DESK);
  });
  afterAll(() => ws?.close());

  it('maps the columns, previews per-row errors and the duplicate, imports the valid rows, and reveals an imported ID under audit', async () => {
    const { page } = ws;
    const before = await ws.services.vault.store.methods.patients.count();
    await page.getByTestId('patient-import-open').click();
    await page.getByTestId('patient-import').waitFor();

    // A cancelled dialog changes nothing.
    await page.getByTestId('import-choose').click();
    await expect.poll(async () => (await page.getByTestId('import-choose').getAttribute('class')) ?? '').not.toContain('loading');
    expect(await page.getByTestId('import-mapping').count()).toBe(0);

    chosen = FIXTURE;
    await page.getByTestId('import-choose').click();
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-mapping').innerText()).toContain('GBK / GB18030');
    expect(await page.getByTestId('import-map-0').innerText()).toContain('姓名');
    expect(await page.getByTestId('import-map-4').innerText()).toContain('证件号码');

    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-preview-table').waitFor();
    const count = async (status: string) => (await page.getByTestId(`import-count-${status}`).innerText()).replace(/\D+/g, ' ').trim();
    expect(await count('total')).toBe('6');
    expect(await count('ready')).toBe('2');
    expect(await count('invalid')).toBe('3');
    expect(await count('duplicate')).toBe('1');
    await page.getByTestId('import-formula-warning').waitFor();
    await ws.screenshot('patient-import-preview');

    await page.getByTestId('import-filter').getByText('全部').click();
    expect(await page.getByTestId('import-row-3').innerText()).toContain('出生日期: 晚于今天');
    expect(await page.getByTestId('import-row-6').getAttribute('data-status')).toBe('invalid');
    expect(await page.getByTestId('import-row-7').innerText()).toContain('身份证号校验位不正确');
    expect(await page.getByTestId('import-row-4').innerText()).toContain(existingMrn);
    expect(await page.getByTestId('import-row-5').innerText()).toContain('公式');

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-commit-confirm').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-report-imported').innerText()).toContain('2');
    expect(await page.getByTestId('import-report-skipped').innerText()).toContain('1');
    expect(await page.getByTestId('import-report-invalid').innerText()).toContain('3');
    expect(await ws.services.vault.store.methods.patients.count()).toBe(before + 2);

    await page.getByTestId('import-open-2').click();
    await page.getByTestId('patient-view').waitFor();
    expect(await page.getByTestId('patient-view-name').innerText()).toBe('赵一');
    expect(await page.getByTestId('patient-view-id').innerText()).not.toContain('1970010213');
    await page.getByTestId('patient-view-id-reveal').click();
    await expect.poll(() => page.getByTestId('patient-view-id').innerText()).toBe('110101197001021356');

    const audit = await ws.services.router.invoke(CONSOLE, 'audit.query', { limit: 20 });
    if (!audit.ok) throw new Error(audit.error.message);
    const entries = (audit.value as { entries: Array<{ action: string; entityType: string | null; detail: string | null; username: string | null }> }).entries;
    expect(entries[0]).toMatchObject({ action: 'record.read', detail: 'identifier revealed', username: DESK.username });
    expect(entries.find((entry) => entry.entityType === 'patient_import')?.detail).toContain('imported 2, duplicates skipped 1, invalid 3');
  });

  it('checks a correction of name and birth date for likely duplicates, excluding the record itself', async () => {
    const { page } = ws;
    const found = await ws.services.router.invoke(CONSOLE, 'patients.search', { query: '1985-01-01', limit: 5 });
    if (!found.ok) throw new Error(found.error.message);
    const [imported] = found.value as Array<{ id: string }>;
    await page.goto(page.url().replace(/#.*$/, `#/patients/${imported!.id}`));
    await page.getByTestId('patient-edit').click();
    await page.getByTestId('register-full-name').fill('张三');
    await page.getByTestId('register-birth-date').fill('1980-05-01');
    await page.getByTestId('register-birth-date').press('Enter');
    await page.getByTestId('register-submit').click();
    await page.getByTestId(`duplicate-candidate-${existingMrn}`).waitFor();
    expect(await page.getByTestId('duplicate-confirm').innerText()).toContain('仍然保存');

    await page.getByTestId('duplicate-confirm').click();
    await expect.poll(() => page.getByTestId('patient-view-name').innerText()).toBe('张三');
    const saved = await ws.services.router.invoke(CONSOLE, 'patients.get', { id: imported!.id });
    expect(saved).toMatchObject({ ok: true, value: { fullName: '张三', birthDate: '1980-05-01' } });
  });
});
