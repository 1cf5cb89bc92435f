import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { series, writeFiles } from '../fixtures/dicom/generate.ts';
import { freePort } from '../integration/support/orthanc.ts';
import { E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'pacs forwarding e2e admin' };

describe('the PACS as a second target, in Chromium', () => {
  let ws: Workstation;
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-forward-e2e-'));
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await signInToApp(ws.page, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('turns forwarding on in the server’s settings, and the Sync screen shows what waits and why, in Chinese', async () => {
    const { page } = ws;
    await page.evaluate(() => (window.location.hash = '#/imaging'));
    await page.getByTestId('imaging-tab-pacs').click();
    await page.getByTestId('pacs-add').first().click();
    await page.getByTestId('pacs-form-name').fill('医院PACS');
    // Nothing listens there: what is imported waits.
    await page.getByTestId('pacs-form-url').fill(`http://127.0.0.1:${await freePort()}/dicom-web`);
    await page.getByTestId('pacs-form-forward').click();
    await page.getByTestId('pacs-form-save').click();
    await expect.poll(async () => (await ws.services.vault.store.methods.imaging.listPacs()).map((server) => server.forwardNew)).toEqual([true]);
    const [server] = await ws.services.vault.store.methods.imaging.listPacs();

    await writeFiles(folder, series({ count: 2, rows: 32, columns: 32, patientId: 'FWD-E2E' }));
    expect((await ws.services.imports.run(null, [folder])).imported).toBe(2);
    await ws.services.forwarder.idle();

    await page.getByTestId('nav-sync').click();
    const card = page.getByTestId(`sync-pacs-${server!.id}`);
    await card.waitFor();
    expect(await card.getByTestId('sync-pacs-pending').innerText()).toBe('2');
    expect(await card.getByTestId('sync-pacs-problem').innerText()).toContain('无法连接服务器');
    expect(await card.innerText()).toContain('医院PACS');
  }, 60_000);
});
