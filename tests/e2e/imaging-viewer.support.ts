/** Shared steps of the viewer's end-to-end tests: waiting for a drawn image, reading pixels, drawing measurements. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SIZE } from '../fixtures/dicom/transfer-syntaxes.ts';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Waits until viewport 0 has drawn the image it points at, and that image is not `previous`. */
export async function waitForRendered(page: Page, previous = ''): Promise<string> {
  const pane = page.getByTestId('viewport-0');
  await expect
    .poll(async () => {
      const [wanted, drawn] = await Promise.all([pane.getAttribute('data-image-id'), pane.getAttribute('data-rendered-image-id')]);
      return wanted && wanted === drawn && wanted !== previous ? wanted : '';
    }, { timeout: 15_000 })
    .not.toBe('');
  return (await pane.getAttribute('data-image-id'))!;
}

/**
 * Hovers the centre of image pixel (x, y) and returns what the viewer reports there. The image's place is read again
 * before each move: the side panel opens once the first image is drawn, and the viewport then shrinks under a mouse
 * placed by the rectangle from before.
 */
export async function readPixel(page: Page, x: number, y: number): Promise<{ x: number; y: number; value: string }> {
  const readout = page.getByTestId('viewport-0-readout');
  await expect
    .poll(
      async () => {
        const rect = await imageRect(page);
        await page.mouse.move(rect.left + ((x + 0.5) * rect.width) / SIZE, rect.top + ((y + 0.5) * rect.height) / SIZE);
        return `${await readout.getAttribute('data-x')},${await readout.getAttribute('data-y')}`;
      },
      { timeout: 10_000 },
    )
    .toBe(`${x},${y}`);
  return { x, y, value: (await readout.getAttribute('data-value'))! };
}

/** Page coordinates of image point (x, y) in viewport 0, unrotated. */
export async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const rect = await imageRect(page);
  return { x: rect.left + (x * rect.width) / SIZE, y: rect.top + (y * rect.height) / SIZE };
}

/** Where viewport 0's image lies on the page: the viewer gives it within its element, whose box Playwright reads. */
async function imageRect(page: Page): Promise<Rect> {
  const inElement = JSON.parse((await page.getByTestId('viewport-0').getAttribute('data-image-rect'))!) as Rect;
  const box = (await page.getByTestId('viewport-0-image').boundingBox())!;
  return { ...inElement, left: box.x + inElement.left, top: box.y + inElement.top };
}

export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const a = await pagePoint(page, from.x, from.y);
  const b = await pagePoint(page, to.x, to.y);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
}

export async function showSeries(page: Page, name: string, previous = ''): Promise<string> {
  await page.locator(`[data-testid^="series-thumb-"][data-description="${name}"]`).click();
  return waitForRendered(page, previous);
}

export type Value = { kind: string; length?: number; value?: number; mean?: number; area?: number; stdDev?: number };

export async function measurementValues(page: Page): Promise<Map<string, { tool: string; value: Value | null }>> {
  const rows = page.locator('[data-testid^="measurement-"][data-tool]');
  const out = new Map<string, { tool: string; value: Value | null }>();
  for (const row of await rows.all()) {
    const id = (await row.getAttribute('data-testid'))!.replace('measurement-', '');
    const value = await row.getAttribute('data-value');
    out.set(id, { tool: (await row.getAttribute('data-tool'))!, value: value ? (JSON.parse(value) as Value) : null });
  }
  return out;
}

export async function openStudy(page: Page): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/imaging'));
  await page.getByTestId('imaging-page').waitFor();
  await page.locator('[data-testid^="study-open-"]').first().click();
  await page.getByTestId('study-viewer').waitFor();
}
