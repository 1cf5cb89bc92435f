/// <reference lib="dom" />
/**
 * Imaging benchmark, all in one run on generated 512×512 16-bit CT series:
 *
 * - import_vs_copy: the real import (parse in workers, encrypt, index) of a 300-slice series, as a throughput
 *   ratio against `cp -r` of the same folder (copy time / import time; ≥ 0.5 is the target).
 * - first_image_ms: in Chromium, from clicking "open" on the study to the first image drawn by the viewer
 *   (series list, viewer mount, token, fetch through /media, decode in a worker, cornerstone render).
 * - scroll_images_per_s: stepping through the whole 300-image stack one image at a time, each step waiting
 *   until that image is drawn, with the viewer's prefetch running ahead.
 * - memory_over_budget_mb: after scrolling a 1,000-slice series (≈ 500 MB decoded) twice with a 256 MB cache
 *   budget, the renderer's memory minus the budget (target ≤ 200). Method: garbage-collect through CDP
 *   (HeapProfiler.collectGarbage), then Runtime.getHeapUsage on the page's main isolate, which holds every
 *   decoded frame (workers transfer their results to it): usedSize (JS heap) + backingStorageSize (ArrayBuffer
 *   stores: decoded pixels and raw files). Performance.getMetrics' JSHeapUsedSize is reported alongside. (Process
 *   RSS is not used: on a shared machine other Chromium instances' renderers cannot be told apart.)
 *
 *   node bench/imaging.ts
 *
 * Last line: {"bench":"imaging","import_vs_copy":…,"first_image_ms":…,"scroll_images_per_s":…,"memory_over_budget_mb":…}
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dicomFile, newUid } from '../tests/fixtures/dicom/generate.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from '../tests/e2e/harness/clinic.ts';
import { startWorkstation } from '../tests/e2e/harness/workstation.ts';

const SIZE = 512;
const SCROLL_SLICES = 300;
const MEMORY_SLICES = 1000;
const BUDGET_MB = 256;
const MB = 1024 * 1024;
const ADMIN = { username: 'admin', displayName: 'Admin', password: 'imaging bench admin' };
const READER = { username: 'reader', password: 'imaging bench reader' };

/** Writes a CT series file by file (never the whole series in memory). */
async function writeSeries(dir: string, count: number, description: string): Promise<{ studyUid: string }> {
  await mkdir(dir, { recursive: true });
  const studyUid = newUid();
  const seriesUid = newUid();
  for (let i = 0; i < count; i++) {
    const file = dicomFile({ studyUid, seriesUid, rows: SIZE, columns: SIZE, instanceNumber: i + 1, sliceZ: i * 1.25, seriesDescription: description, studyDescription: description, patientId: `BENCH-${description}` });
    await writeFile(join(dir, `IM${String(i + 1).padStart(4, '0')}.dcm`), file);
  }
  return { studyUid };
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Opens a study from the list and resolves with the ms until viewport 0 has drawn its first image. */
function openStudyAndTime(page: Page, studyUid: string): Promise<number> {
  return page.evaluate(
    (uid) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const timeout = setTimeout(() => reject(new Error('No image within 30 s.')), 30_000);
        const check = () => {
          const pane = document.querySelector('[data-testid="viewport-0"]');
          const drawn = pane?.getAttribute('data-rendered-image-id');
          if (drawn && drawn === pane?.getAttribute('data-image-id')) {
            clearTimeout(timeout);
            observer.disconnect();
            resolve(performance.now() - started);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-rendered-image-id'] });
        document.querySelector<HTMLElement>(`[data-testid="study-open-${uid}"]`)!.click();
      }),
    studyUid,
  );
}

/** Steps through the stack with ↓, each step waiting until that image is drawn; returns images per second. */
function scrollThrough(page: Page, passes: number): Promise<number> {
  return page.evaluate(
    (passCount) =>
      new Promise<number>((resolve, reject) => {
        const viewer = document.querySelector<HTMLElement>('[data-testid="study-viewer"]')!;
        const pane = document.querySelector<HTMLElement>('[data-testid="viewport-0"]')!;
        const count = Number(pane.getAttribute('data-image-count'));
        let steps = 0;
        let pass = 0;
        const started = performance.now();
        const key = (k: string) => viewer.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
        const timeout = setTimeout(() => reject(new Error(`Stuck at image ${pane.getAttribute('data-image-index')}.`)), 300_000);
        const next = () => {
          const index = Number(pane.getAttribute('data-image-index'));
          if (index === count - 1) {
            pass++;
            if (pass === passCount) {
              clearTimeout(timeout);
              observer.disconnect();
              resolve((steps / (performance.now() - started)) * 1000);
              return;
            }
            key('Home');
            return;
          }
          steps++;
          key('ArrowDown');
        };
        const observer = new MutationObserver(() => {
          if (pane.getAttribute('data-rendered-image-id') === pane.getAttribute('data-image-id')) next();
        });
        observer.observe(pane, { attributes: true, attributeFilter: ['data-rendered-image-id', 'data-image-id'] });
        next();
      }),
    passes,
  );
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'cw-bench-imaging-'));
  try {
    const ctDir = join(work, 'ct300');
    const bigDir = join(work, 'ct1000');
    console.log(`Generating ${SCROLL_SLICES} and ${MEMORY_SLICES} slices of ${SIZE}×${SIZE} 16-bit CT…`);
    const ct = await writeSeries(ctDir, SCROLL_SLICES, 'BENCH300');
    const big = await writeSeries(bigDir, MEMORY_SLICES, 'BENCH1000');

    const copy = await time(() => execFileSync('cp', ['-r', ctDir, join(work, 'copy')]));
    // For context only: the same copy made durable (each file fsynced, as the import makes its files before indexing them).
    const durableDir = join(work, 'durable-copy');
    const durableCopy = await time(() => {
      execFileSync('cp', ['-r', ctDir, durableDir]);
      execFileSync('sync', readdirSync(durableDir).map((name) => join(durableDir, name)));
    });
    const ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    try {
      await setUpClinic(ws, ADMIN);
      await createStaff(ws, { ...READER, displayName: 'Reader', role: 'radiologist' });
      const imported = await time(() => ws.services.imports.run(null, [ctDir]));
      if (imported.value.imported !== SCROLL_SLICES) throw new Error(`Imported ${imported.value.imported} of ${SCROLL_SLICES}.`);
      const importVsCopy = copy.ms / imported.ms;
      console.log(`copy ${copy.ms.toFixed(0)} ms, import ${imported.ms.toFixed(0)} ms (${((SCROLL_SLICES * SIZE * SIZE * 2) / MB / (imported.ms / 1000)).toFixed(0)} MB/s)`);
      console.log(`durable copy (cp -r, then each copy fsynced) ${durableCopy.ms.toFixed(0)} ms: import vs durable copy ${(durableCopy.ms / imported.ms).toFixed(2)}`);
      const bigImport = await ws.services.imports.run(null, [bigDir]);
      if (bigImport.imported !== MEMORY_SLICES) throw new Error(`Imported ${bigImport.imported} of ${MEMORY_SLICES}.`);

      const { page } = ws;
      await page.evaluate((mb) => localStorage.setItem('cw.viewer.cacheBudgetMb', String(mb)), BUDGET_MB);
      await page.reload();
      await signInToApp(page, READER);
      await page.evaluate(() => (window.location.hash = '#/imaging'));
      await page.getByTestId(`study-open-${ct.studyUid}`).waitFor();

      const firstImageMs = await openStudyAndTime(page, ct.studyUid);
      const scrollRate = await scrollThrough(page, 1);
      // A second pass over the same stack is served from the cache (300 slices fit the budget): the viewer's
      // own rate, without fetching and decoding — it tells the two apart.
      await page.getByTestId('study-viewer').press('Home');
      await page.waitForFunction(() => document.querySelector('[data-testid="viewport-0"]')?.getAttribute('data-image-index') === '0');
      const cachedRate = await scrollThrough(page, 1);
      console.log(`first image ${firstImageMs.toFixed(0)} ms, scroll ${scrollRate.toFixed(1)} images/s (from the cache: ${cachedRate.toFixed(1)} images/s)`);

      await page.getByTestId('viewer-close').click();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      await page.getByTestId(`study-open-${big.studyUid}`).click();
      await page.getByTestId('viewport-0').waitFor();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="viewport-0"]')?.getAttribute('data-image-count')) > 0);
      const bigRate = await scrollThrough(page, 2);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; backingStorageSize?: number };
      await cdp.send('Performance.enable');
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const rendererMb = (heap.usedSize + (heap.backingStorageSize ?? 0)) / MB;
      const overBudget = rendererMb - BUDGET_MB;
      console.log(
        `1,000 slices twice at ${bigRate.toFixed(1)} images/s; main isolate: JS heap ${(heap.usedSize / MB).toFixed(0)} MB + array buffers ${((heap.backingStorageSize ?? 0) / MB).toFixed(0)} MB ` +
          `(JSHeapUsedSize ${(jsHeap / MB).toFixed(0)} MB); budget ${BUDGET_MB} MB`,
      );
      console.log(
        JSON.stringify({
          bench: 'imaging',
          import_vs_copy: Number(importVsCopy.toFixed(3)),
          first_image_ms: Math.round(firstImageMs),
          scroll_images_per_s: Number(scrollRate.toFixed(1)),
          memory_over_budget_mb: Math.round(overBudget),
        }),
      );
    } finally {
      await ws.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
