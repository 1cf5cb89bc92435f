import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_INTERCEPT, ct16Stored, generateTransferSyntaxFixtures, SIZE, type TransferSyntaxFixture } from '../fixtures/dicom/transfer-syntaxes.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';
import { drag, measurementValues, openStudy, pagePoint, showSeries, type Value } from './imaging-viewer.support.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'imaging viewer e2e admin' };
const RADIOLOGIST = { username: 'reader', password: 'imaging viewer e2e reader' };
const CONSOLE = { connectionId: 'test-console' };
/** The CT fixtures' Pixel Spacing, mm. */
const SPACING = 0.5;

describe('image viewer: tools and saved measurements in Chromium', () => {
  let ws: Workstation;
  let fixtureDir: string;
  let fixtures: TransferSyntaxFixture[];

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'cw-viewer-fixtures-'));
    fixtures = await generateTransferSyntaxFixtures(fixtureDir, ['explicit-little-endian', 'jpeg-baseline', 'multiframe']);
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...RADIOLOGIST, displayName: '放射科医生', role: 'radiologist' });
    const report = await ws.services.imports.run(null, [fixtureDir]);
    expect(report.rejected).toEqual([]);
    expect(report.imported).toBe(fixtures.length);
    ws.page.on('pageerror', (error) => console.error('pageerror', error.message));
    ws.page.on('console', (m) => m.type() === 'error' && console.error('console', m.text().slice(0, 300)));
    await signInToApp(ws.page, RADIOLOGIST);
    await openStudy(ws.page);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('measures length in mm, HU by probe and ROI, and brings measurements and key images back when the study reopens', async () => {
    const { page } = ws;
    await showSeries(page, 'jpeg-baseline');
    await showSeries(page, 'explicit-little-endian');
    await expect.poll(() => page.getByTestId('viewport-0-calibration').getAttribute('data-source')).toBe('pixel');

    await page.getByTestId('tool-length').click();
    await drag(page, { x: 10.5, y: 10.5 }, { x: 40.5, y: 50.5 });
    await page.getByTestId('tool-probe').click();
    const probe = await pagePoint(page, 33.1, 17.1);
    await page.mouse.click(probe.x, probe.y);
    await page.getByTestId('tool-rectangle').click();
    await drag(page, { x: 8, y: 8 }, { x: 24, y: 24 });

    const expectedProbe = ct16Stored(33, 17) + CT_INTERCEPT;
    const check = (values: Map<string, { tool: string; value: Value | null }>) => {
      const byTool = new Map([...values.values()].map((m) => [m.tool, m.value]));
      return {
        length: byTool.get('length')?.length?.toFixed(1),
        probe: byTool.get('probe')?.value,
        area: byTool.get('rectangle')?.area?.toFixed(0),
        meanInRange: (byTool.get('rectangle')?.mean ?? NaN) > -1600 && (byTool.get('rectangle')?.mean ?? NaN) < 1500,
      };
    };
    const wanted = { length: (50 * SPACING).toFixed(1), probe: expectedProbe, area: String(16 * 16 * SPACING * SPACING), meanInRange: true };
    await expect.poll(async () => check(await measurementValues(page)), { timeout: 10_000 }).toEqual(wanted);

    await page.getByTestId('study-viewer').focus();
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('[data-testid^="key-image-item-"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('annotations-save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    const before = await measurementValues(page);
    await ws.screenshot('imaging-viewer-measurements');

    const studies = await ws.services.router.invoke(CONSOLE, 'imaging.studies.list', {});
    if (!studies.ok) throw new Error(studies.error.message);
    const studyId = (studies.value as { id: string }[])[0]!.id;
    const stored = await ws.services.router.invoke(CONSOLE, 'imaging.annotations.get', { studyId });
    if (!stored.ok) throw new Error(stored.error.message);
    const saved = stored.value as { annotations: { id: string; tool: string; points: { x: number; y: number }[] }[]; keyImages: unknown[] };
    expect(saved.annotations.map((a) => a.tool).sort()).toEqual(['length', 'probe', 'rectangle']);
    expect(saved.keyImages).toHaveLength(1);
    const length = saved.annotations.find((a) => a.tool === 'length')!;
    expect(Math.hypot(length.points[1]!.x - length.points[0]!.x, length.points[1]!.y - length.points[0]!.y)).toBeCloseTo(50, 1);

    // Reopen: everything comes from the store again (the viewer clears the tools' state on open).
    await page.getByTestId('viewer-close').click();
    await openStudy(page);
    await expect.poll(() => page.locator('[data-testid^="key-image-item-"]').count()).toBe(1);
    await expect.poll(async () => [...(await measurementValues(page)).keys()].sort()).toEqual([...before.keys()].sort());
    await page.locator('[data-testid^="measurement-"][data-tool="length"] a').first().click();
    await expect.poll(async () => check(await measurementValues(page)), { timeout: 10_000 }).toEqual(wanted);
  });

  it('draws the windowed value on the canvas, follows presets, rotation and flips with its orientation markers', async () => {
    const { page } = ws;
    await showSeries(page, 'explicit-little-endian');
    await page.getByTestId('view-reset').click();
    await page.getByTestId('study-viewer').focus();
    await page.keyboard.press('2');
    const pane = page.getByTestId('viewport-0');
    await expect.poll(async () => [await pane.getAttribute('data-window-width'), await pane.getAttribute('data-window-center')]).toEqual(['1500', '-600']);

    // A pixel inside the lung window, so its grey level is not clipped: cornerstone's linear VOI LUT.
    let target = { x: 0, y: 0, hu: 0 };
    for (let y = 2; y < SIZE - 2 && target.hu === 0; y++)
      for (let x = 2; x < SIZE - 2; x++) {
        const hu = ct16Stored(x, y) + CT_INTERCEPT;
        if (hu > -1200 && hu < 0) {
          target = { x, y, hu };
          break;
        }
      }
    const expectedGrey = Math.max(0, Math.min(255, ((target.hu + 600) / 1500 + 0.5) * 255));
    const point = await pagePoint(page, target.x + 0.5, target.y + 0.5);
    const canvasGrey = () =>
      page.evaluate(([px, py]) => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewport-0"] canvas')!;
        const box = canvas.getBoundingClientRect();
        const scale = canvas.width / box.width;
        return Array.from(canvas.getContext('2d')!.getImageData(Math.floor((px! - box.left) * scale), Math.floor((py! - box.top) * scale), 1, 1).data);
      }, [point.x, point.y]);
    const grey = await canvasGrey();
    expect(Math.abs(grey[0]! - expectedGrey)).toBeLessThanOrEqual(2);
    expect(grey[1]).toBe(grey[0]);
    await page.getByTestId('view-invert').click();
    await expect.poll(async () => Math.abs((await canvasGrey())[0]! - (255 - grey[0]!))).toBeLessThanOrEqual(1);
    await page.getByTestId('view-invert').click();

    const markers = async () =>
      Promise.all(['top', 'right', 'bottom', 'left'].map((side) => page.getByTestId(`viewport-0-marker-${side}`).innerText()));
    await expect.poll(markers).toEqual(['A', 'L', 'P', 'R']);
    await page.getByTestId('view-rotate-right').click();
    await expect.poll(markers).toEqual(['R', 'A', 'L', 'P']);
    await page.getByTestId('view-flip-h').click();
    await expect.poll(markers).toEqual(['R', 'P', 'L', 'A']);
    await page.getByTestId('view-reset').click();
    await expect.poll(markers).toEqual(['A', 'L', 'P', 'R']);
  });

  it('lays out 2×2, takes a dragged series, plays cine, browses tags and exports the view as PNG', async () => {
    const { page } = ws;
    await page.getByTestId('layout-2x2').click();
    await page.getByTestId('viewport-3').waitFor();
    await page.locator('[data-testid^="series-thumb-"][data-description="multiframe"]').dragTo(page.getByTestId('viewport-3'));
    await expect.poll(() => page.getByTestId('viewport-3').getAttribute('data-image-count')).toBe('3');
    await expect.poll(() => page.getByTestId('viewport-3').getAttribute('data-rendered-image-id')).not.toBe('');

    await page.getByTestId('cine-toggle').click();
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        seen.add((await page.getByTestId('viewport-3').getAttribute('data-image-index'))!);
        return seen.size;
      }, { timeout: 10_000 })
      .toBe(3);
    await page.getByTestId('cine-toggle').click();

    await page.getByTestId('side-tab-tags').click();
    await page.getByTestId('tag-browser').waitFor();
    await expect.poll(() => page.getByTestId('tag-row-0010,0010').innerText()).toContain('TRANSFER^SYNTAX');
    await expect.poll(() => page.getByTestId('tag-row-0028,0008').innerText()).toContain('3');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('view.png');
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The saved view is audited as an export of the study, by the reader, without pixel data.
    const audit = await ws.services.router.invoke(CONSOLE, 'audit.query', { action: 'export', limit: 20 });
    if (!audit.ok) throw new Error(audit.error.message);
    const exports = (audit.value as { entries: { username: string | null; entityType: string | null; entityId: string | null; detail: string | null }[] }).entries;
    expect(exports.filter((entry) => entry.detail === 'view.png')).toEqual([expect.objectContaining({ username: RADIOLOGIST.username, entityType: 'imaging_study', entityId: expect.any(String) })]);
    await page.getByTestId('layout-1x1').click();
  });
});
