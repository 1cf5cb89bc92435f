import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_KDF, setUpClinic, signInOnPage } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'admin e2e password' };

describe('administration in Chromium', () => {
  let ws: Workstation;
  let backupFile: string;
  beforeAll(async () => {
    backupFile = join(await mkdtemp(join(tmpdir(), 'cw-e2e-backup-')), 'clinic.cwbackup');
    ws = await startWorkstation({
      keyringOptions: { kdf: E2E_KDF },
      dialogs: { chooseSaveFile: async () => backupFile, chooseOpenFile: async () => backupFile },
    });
    await setUpClinic(ws, ADMIN, 'Admin Clinic');
    await signInOnPage(ws.page, ADMIN);
    await ws.page.getByTestId('nav-admin').click();
  });
  afterAll(() => ws?.close());

  it('creates a staff account that can then sign in with its role', async () => {
    const { page } = ws;
    await page.getByTestId('user-create-open').click();
    await page.getByTestId('user-create-username').fill('nurse.chen');
    await page.getByTestId('user-create-display-name').fill('陈护士');
    await page.getByTestId('user-create-role').click();
    await page.getByTestId('user-create-role-option-nurse').click();
    await page.getByTestId('user-create-password').fill('nurse chen password');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-row-nurse.chen').waitFor();
    const login = await ws.services.router.invoke({ connectionId: 'other' }, 'session.login', { username: 'nurse.chen', password: 'nurse chen password' });
    expect(login).toMatchObject({ ok: true, value: { user: { role: 'nurse', displayName: '陈护士' } } });
  });

  it('shows a field error for a duplicate username and creates nothing', async () => {
    const { page } = ws;
    await page.getByTestId('user-create-open').click();
    await page.getByTestId('user-create-username').fill('NURSE.chen');
    await page.getByTestId('user-create-display-name').fill('Duplicate');
    await page.getByTestId('user-create-role').click();
    await page.getByTestId('user-create-role-option-physician').click();
    await page.getByTestId('user-create-password').fill('another long password');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-create-error').waitFor();
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('user-create-username').waitFor({ state: 'hidden' });
    const accounts = await ws.services.accounts.listAccounts();
    expect(accounts.map((a) => a.username).sort()).toEqual(['admin', 'nurse.chen']);
  });

  it('filters the audit trail, verifies it and exports it as CSV', async () => {
    const { page } = ws;
    await page.getByTestId('admin-tab-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-filter-action').click();
    await page.getByTestId('audit-filter-action-option-account.create').click();
    await expect.poll(() => page.locator('[data-testid^="audit-row-"]').count()).toBe(1);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').getAttribute('data-status')).toBe('ok');
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('seq,time,user_id,username');
    expect(csv).toContain('account.create');
    const trail = await ws.services.vault.store.methods.audit.query({ action: 'export' }, 10, 0);
    expect(trail.entries).toMatchObject([{ username: 'admin', entityType: 'audit' }]);
    await ws.screenshot('admin-audit');
  });

  it('backs up through the native chooser and restores, signing everyone out', async () => {
    const { page } = ws;
    await page.getByTestId('admin-tab-backup').click();
    await page.getByTestId('backup-create').click();
    await expect.poll(() => page.getByTestId('backup-result').innerText()).toContain('clinic.cwbackup');
    expect((await stat(backupFile)).size).toBeGreaterThan(0);
    await page.getByTestId('backup-restore').click();
    await page.getByTestId('backup-restore-confirm').click();
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('app-frame').count()).toBe(0);
  });
});
