import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTransferSyntaxFixtures, type TransferSyntaxFixture } from '../fixtures/dicom/transfer-syntaxes.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';
import { openStudy, readPixel, waitForRendered } from './imaging-viewer.support.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'imaging viewer e2e admin' };
const RADIOLOGIST = { username: 'reader', password: 'imaging viewer e2e reader' };

/** Every transfer syntax and colour model, imported through the real import, drawn by the viewer in Chromium. */
describe('image viewer: transfer syntaxes in Chromium', () => {
  let ws: Workstation;
  let fixtureDir: string;
  let fixtures: TransferSyntaxFixture[];

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'cw-viewer-fixtures-'));
    fixtures = await generateTransferSyntaxFixtures(fixtureDir);
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...RADIOLOGIST, displayName: '放射科医生', role: 'radiologist' });
    const report = await ws.services.imports.run(null, [fixtureDir]);
    expect(report.rejected).toEqual([]);
    expect(report.imported).toBe(fixtures.length);
    ws.page.on('pageerror', (error) => console.error('pageerror', error.message));
    await signInToApp(ws.page, RADIOLOGIST);
    await openStudy(ws.page);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('renders every transfer syntax and colour model with the values the file holds', async () => {
    const { page } = ws;
    let previous = '';
    const failures: string[] = [];
    for (const fixture of fixtures) {
      await page.locator(`[data-testid^="series-thumb-"][data-description="${fixture.name}"]`).click();
      previous = await waitForRendered(page, previous);
      for (let frame = 0; frame < fixture.frames; frame++) {
        if (frame > 0) {
          await page.getByTestId('study-viewer').focus();
          await page.keyboard.press('ArrowDown');
          previous = await waitForRendered(page, previous);
        }
        for (const check of fixture.checks.filter((c) => c.frame === frame)) {
          const { value } = await readPixel(page, check.x, check.y);
          const actual = value.split(',').map(Number);
          const expected = typeof check.expected === 'number' ? [check.expected] : [...check.expected];
          const off = actual.length !== expected.length || actual.some((v, i) => Math.abs(v - expected[i]!) > check.tolerance);
          if (off) failures.push(`${fixture.name} frame ${frame} (${check.x},${check.y}): ${value} ≠ ${expected.join(',')} ±${check.tolerance}`);
        }
      }
    }
    await ws.screenshot('imaging-viewer-last-syntax');
    expect(failures).toEqual([]);
  });
});
