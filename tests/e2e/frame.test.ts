import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_KDF, setUpClinic, signInOnPage } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const SECTIONS = ['patients', 'schedule', 'imaging', 'analytics', 'sync', 'admin'] as const;

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'frame admin password' };

describe('workstation frame in Chromium', () => {
  let ws: Workstation;
  beforeAll(async () => {
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await signInOnPage(ws.page, ADMIN);
  });
  afterAll(() => ws?.close());

  it('renders the frame in Simplified Chinese by default and saves a screenshot', async () => {
    const { page } = ws;
    await page.getByTestId('app-frame').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('nav-patients').innerText()).toMatch(/[\u4e00-\u9fff]/);
    const path = await ws.screenshot('frame');
    expect(path).toMatch(/test-results\/frame\.png$/);
  });

  it('opens every section from the navigation', async () => {
    const { page } = ws;
    for (const section of SECTIONS) {
      await page.getByTestId(`nav-${section}`).click();
      await page.getByTestId(`section-${section}`).waitFor({ state: 'visible' });
      expect(await page.evaluate(() => location.hash)).toContain(section);
    }
  });

  it('opens sections with the keyboard', async () => {
    const { page } = ws;
    await page.keyboard.press('Alt+2');
    await page.getByTestId('section-schedule').waitFor({ state: 'visible' });
    await page.keyboard.press('Alt+3');
    await page.getByTestId('section-imaging').waitFor({ state: 'visible' });
  });

  it('switches language at runtime and persists it through the contract', async () => {
    const { page, services } = ws;
    const before = await page.getByTestId('nav-patients').innerText();
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const after = await page.getByTestId('nav-patients').innerText();
    expect(after).not.toBe(before);
    expect(after).toMatch(/Patients/);
    expect(services.settings.read().preferences.language).toBe('en');
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(services.settings.read().preferences.language).toBe('zh-CN');
  });

  it('shows app info and health from main', async () => {
    const { page } = ws;
    await page.getByTestId('about-open').click();
    const panel = page.getByTestId('about-panel');
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toContain('0.1.0');
  });

  it('returns a typed validation error for a bad payload through window.workstation', async () => {
    const result = await ws.page.evaluate(() =>
      (window as unknown as { workstation: { invoke(c: string, r: unknown): Promise<unknown> } }).workstation.invoke('settings.setPreferences', {
        language: 'fr',
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'language' }] } });
  });

  it('refuses a restricted channel to a window without a session', async () => {
    const other = await ws.openPage();
    const result = await other.evaluate(() =>
      (window as unknown as { workstation: { invoke(c: string, r: unknown): Promise<unknown> } }).workstation.invoke('settings.setPolicy', {
        idleLockMinutes: 1,
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('gives the page no Node and no way to replace the bridge', async () => {
    const probe = await ws.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      let replaced = false;
      try {
        w.workstation = {};
        replaced = Object.keys(w.workstation as object).length === 0;
      } catch {
        replaced = false;
      }
      return { require: typeof w.require, process: typeof w.process, replaced };
    });
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', replaced: false });
  });
});
