import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Series } from '../../preload/contract/imaging.ts';
import { imagingEn } from '../../renderer/i18n/sections/imaging.en.ts';
import { imagingZh } from '../../renderer/i18n/sections/imaging.zh-CN.ts';
import { GRAYSCALE_PRESENTATION_STATE, KEY_OBJECT_SELECTION, newUid, nonImageFile, series, writeFiles } from '../fixtures/dicom/generate.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';
import { openStudy, waitForRendered } from './imaging-viewer.support.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'imaging nonimage e2e admin' };
const RADIOLOGIST = { username: 'reader', password: 'imaging nonimage e2e reader' };
const CONSOLE = { connectionId: 'test-console' };

/** A CT CD as hospitals burn it: a dose report numbered before the images, key objects after, a presentation state inside the image series. */
describe('image viewer: a study with objects that are not images', () => {
  let ws: Workstation;
  let fixtureDir: string;
  let list: Series[];
  const mediaRequests: string[] = [];

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'cw-viewer-nonimage-'));
    const studyUid = newUid();
    const imageSeriesUid = newUid();
    await writeFiles(join(fixtureDir, 'CT'), series({ studyUid, seriesUid: imageSeriesUid, count: 3, rows: 32, columns: 32, seriesNumber: 2, seriesDescription: 'AXIAL' }));
    await writeFiles(
      join(fixtureDir, 'OTHER'),
      [
        nonImageFile({ studyUid, seriesNumber: 1, seriesDescription: 'DOSE REPORT', content: [{ type: 'TEXT', meaning: 'Comment', text: 'CTDIvol 40 mGy' }] }),
        nonImageFile({ studyUid, sopClassUid: KEY_OBJECT_SELECTION, modality: 'KO', seriesNumber: 3, seriesDescription: 'KEY IMAGES' }),
        nonImageFile({ studyUid, seriesUid: imageSeriesUid, sopClassUid: GRAYSCALE_PRESENTATION_STATE, modality: 'PR', instanceNumber: 50 }),
      ],
      'OB',
    );
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...RADIOLOGIST, displayName: '放射科医生', role: 'radiologist' });
    // Images first, so the presentation state joins the CT series as found in the files.
    expect(await ws.services.imports.run(null, [join(fixtureDir, 'CT')])).toMatchObject({ imported: 3, rejected: [] });
    expect(await ws.services.imports.run(null, [join(fixtureDir, 'OTHER')])).toMatchObject({ imported: 3, rejected: [] });
    const studies = await ws.services.router.invoke(CONSOLE, 'imaging.studies.list', {});
    if (!studies.ok) throw new Error(studies.error.message);
    const listed = await ws.services.router.invoke(CONSOLE, 'imaging.series.list', { studyId: (studies.value as { id: string }[])[0]!.id });
    if (!listed.ok) throw new Error(listed.error.message);
    list = listed.value as Series[];
    ws.page.on('pageerror', (error) => console.error('pageerror', error.message));
    ws.page.context().on('request', (request) => {
      const match = /\/media\/instances\/([^?]+)/.exec(request.url());
      if (match) mediaRequests.push(decodeURIComponent(match[1]!));
    });
    await signInToApp(ws.page, RADIOLOGIST);
    await openStudy(ws.page);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('lists the report and key objects labelled, opens the image series first with its images only, and never loads the other objects', async () => {
    const { page } = ws;
    expect(list.map((s) => [s.description, s.content])).toEqual([
      ['DOSE REPORT', 'structured-report'],
      ['AXIAL', 'images'],
      ['KEY IMAGES', 'key-objects'],
    ]);
    const [report, images, keyObjects] = list as [Series, Series, Series];

    // The first viewport shows the CT series (not the report listed before it), three images without the presentation state.
    const shown = await waitForRendered(page);
    const imageIds = images.instances.filter((i) => i.frameCount > 0).map((i) => `cw:${i.id}/0`);
    expect(imageIds).toHaveLength(3);
    expect(imageIds).toContain(shown);
    expect(await page.getByTestId('viewport-0').getAttribute('data-image-count')).toBe('3');

    for (const [other, content] of [
      [report, 'structured-report'],
      [keyObjects, 'key-objects'],
    ] as const) {
      const thumb = page.getByTestId(`series-thumb-${other.seriesInstanceUid}`);
      expect(await thumb.getAttribute('data-content')).toBe(content);
      expect(await thumb.getAttribute('draggable')).not.toBe('true');
      const label = await page.getByTestId(`series-content-${other.seriesInstanceUid}`).textContent();
      expect([imagingZh.seriesContent[content], imagingEn.seriesContent[content]]).toContain(label);
      expect(await thumb.textContent()).toContain(other.modality);
      // Clicking it leaves the viewport on its images.
      await thumb.click();
      expect(await page.getByTestId('viewport-0').getAttribute('data-image-id')).toBe(shown);
      expect(await page.getByTestId('viewport-0').getAttribute('data-image-count')).toBe('3');
    }

    // Every image has been fetched (shown, prefetched, thumbnail), and nothing without pixels was.
    const imageInstanceIds = images.instances.filter((i) => i.frameCount > 0).map((i) => i.id);
    await expect.poll(() => imageInstanceIds.filter((id) => mediaRequests.includes(id)).length, { timeout: 15_000 }).toBe(3);
    const nonImageIds = list.flatMap((s) => s.instances.filter((i) => i.frameCount === 0).map((i) => i.id));
    expect(nonImageIds).toHaveLength(3);
    expect(mediaRequests.filter((id) => nonImageIds.includes(id))).toEqual([]);
    await ws.screenshot('imaging-viewer-nonimage');
  });
});
