import { afterEach, describe, expect, it } from 'vitest';
import { createStaff, E2E_KDF, setUpClinic, signInOnPage, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: '李管理', password: 'admin password 1' };

/** A workstation with a controllable main clock and a clinic set up through the contract. */
async function clinicWorkstation(): Promise<{ ws: Workstation; recoveryKey: string; advance(ms: number): void }> {
  let time = Date.now();
  const ws = await startWorkstation({ clock: { now: () => time, idleSweepMs: 100 }, keyringOptions: { kdf: E2E_KDF } });
  const recoveryKey = await setUpClinic(ws, ADMIN);
  return { ws, recoveryKey, advance: (ms) => void (time += ms) };
}

describe('sign-in and security screens in Chromium', () => {
  let ws: Workstation | undefined;
  afterEach(async () => {
    await ws?.close();
    ws = undefined;
  });

  it('runs the first-run wizard: recovery key shown once, typed back, then sign-in', async () => {
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    const { page } = ws;
    await page.getByTestId('setup-wizard').waitFor();
    await page.getByTestId('setup-clinic-name').fill('仁爱诊所');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-username').fill(ADMIN.username);
    await page.getByTestId('setup-display-name').fill(ADMIN.displayName);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-password-confirm').fill(ADMIN.password);
    await page.getByTestId('setup-next').click();
    const key = (await page.getByTestId('setup-recovery-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    await ws.screenshot('setup-recovery-key');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-recovery-confirm-input').fill(key.toLowerCase());
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('login-screen').waitFor();
    await signInToApp(page, ADMIN);
    expect(await page.getByTestId('app-frame').innerText()).toContain('仁爱诊所');
  });

  it('locks an account after repeated failures and says for how long', async () => {
    const clinic = await clinicWorkstation();
    ws = clinic.ws;
    const { page } = ws;
    await page.getByTestId('login-screen').waitFor();
    for (let i = 0; i < 5; i++) {
      await signInOnPage(page, { username: ADMIN.username, password: `wrong password ${i}` });
      await page.getByTestId('login-error').waitFor();
    }
    await signInOnPage(page, ADMIN);
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/15/);
    expect(await page.getByTestId('app-frame').count()).toBe(0);
    await ws.screenshot('login-locked-out');
  });

  it('locks an idle session, hiding every screen, until the password is typed', async () => {
    const clinic = await clinicWorkstation();
    ws = clinic.ws;
    const { page } = ws;
    await signInToApp(page, ADMIN);
    clinic.advance(11 * 60_000);
    await page.getByTestId('lock-screen').waitFor();
    expect(await page.getByTestId('app-frame').count()).toBe(0);
    await page.getByTestId('unlock-password').fill('not the password');
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('unlock-error').waitFor();
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('app-frame').waitFor();
  });

  it('grants emergency access only with a written reason, and shows it', async () => {
    const clinic = await clinicWorkstation();
    ws = clinic.ws;
    await createStaff(ws, { username: 'drwang', role: 'physician', password: 'physician pass 1' });
    const { page } = ws;
    await signInToApp(page, { username: 'drwang', password: 'physician pass 1' });
    await page.getByTestId('breakglass-open').click();
    await page.getByTestId('breakglass-reason').fill('urgent');
    await page.getByTestId('breakglass-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('breakglass-banner').count()).toBe(0);
    await page.getByTestId('breakglass-reason').fill('Unconscious patient brought in by ambulance');
    await page.getByTestId('breakglass-submit').click();
    await page.getByTestId('breakglass-banner').waitFor();
    const audit = await ws.services.router.invoke({ connectionId: 'test-console' }, 'audit.query', { action: 'breakglass' });
    expect(audit).toMatchObject({ ok: true, value: { entries: [{ username: 'drwang', breakGlass: true, detail: 'Unconscious patient brought in by ambulance' }] } });
  });

  it('resets a forgotten password with the recovery key', async () => {
    const clinic = await clinicWorkstation();
    ws = clinic.ws;
    const { page } = ws;
    await page.getByTestId('recover-open').click();
    await page.getByTestId('recover-key').fill(clinic.recoveryKey);
    await page.getByTestId('recover-username').fill(ADMIN.username);
    await page.getByTestId('recover-password').fill('a new admin password');
    await page.getByTestId('recover-password-confirm').fill('a new admin password');
    await page.getByTestId('recover-submit').click();
    await page.getByTestId('recover-done').waitFor();
    await page.getByTestId('login-screen').waitFor();
    await signInToApp(page, { username: ADMIN.username, password: 'a new admin password' });
  });
});
