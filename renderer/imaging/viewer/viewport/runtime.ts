/**
 * Starts cornerstone once per page: the `cw:` image loader over the frame source, the metadata the
 * measurement tools read (pixel spacing, modality, rescale), and cornerstone-tools with its peers.
 *
 * Memory: the frame source's cache is the one budget for raw and decoded bytes. Viewports load with
 * `cornerstone.loadImage` (uncached), so cornerstone's own cache only ever sees what cornerstone-tools might
 * load itself; it is capped at a sixteenth of the budget, and its images share the frame source's arrays.
 */
import cornerstone from 'cornerstone-core';
import cornerstoneMath from 'cornerstone-math';
import cornerstoneTools from 'cornerstone-tools';
import Hammer from 'hammerjs';
import { mb, readBudgetMb } from '../loader/cacheBudget.ts';
import { createFrameSource, type FrameSource } from '../loader/frameSource.ts';
import { parseImageId, SCHEME } from '../loader/imageIds.ts';
import { warmUpMedia } from '../loader/mediaFetch.ts';
import { toCornerstoneImage } from './cornerstoneImage.ts';

let frameSource: FrameSource | null = null;

function metadata(type: string, imageId: string): unknown {
  const ref = parseImageId(imageId);
  const meta = ref && frameSource?.meta(ref.instanceId);
  if (!meta) return undefined;
  switch (type) {
    case 'imagePlaneModule': {
      const iop = meta.imageOrientationPatient;
      return {
        rows: meta.rows,
        columns: meta.columns,
        rowPixelSpacing: meta.pixelSpacing?.[0],
        columnPixelSpacing: meta.pixelSpacing?.[1],
        pixelSpacing: meta.pixelSpacing,
        rowCosines: iop?.slice(0, 3),
        columnCosines: iop?.slice(3, 6),
        imageOrientationPatient: iop,
        imagePositionPatient: meta.imagePositionPatient,
        sliceThickness: meta.sliceThickness,
        sliceLocation: meta.sliceLocation,
      };
    }
    case 'generalSeriesModule':
      return { modality: meta.modality };
    case 'modalityLutModule':
      return { rescaleSlope: meta.rescaleSlope, rescaleIntercept: meta.rescaleIntercept };
    default:
      return undefined;
  }
}

/** The page's frame source, cornerstone set up around it on first call. */
export function viewerRuntime(): FrameSource {
  if (frameSource) return frameSource;
  const source = createFrameSource(mb(readBudgetMb()));
  frameSource = source;
  cornerstone.registerImageLoader(SCHEME, (imageId) => {
    const ref = parseImageId(imageId);
    if (!ref) return { promise: Promise.reject(new Error('Not a viewer image id.')) };
    return { promise: source.load(ref.instanceId, ref.frame, 'interactive').then((loaded) => toCornerstoneImage(imageId, loaded)) };
  });
  cornerstone.metaData.addProvider(metadata, 100);
  cornerstone.imageCache.setMaximumSizeBytes(mb(readBudgetMb()) / 16);
  cornerstoneTools.external.cornerstone = cornerstone;
  cornerstoneTools.external.cornerstoneMath = cornerstoneMath;
  cornerstoneTools.external.Hammer = Hammer;
  cornerstoneTools.init({ showSVGCursors: false, globalToolSyncEnabled: false, mouseEnabled: true, touchEnabled: true });
  return source;
}

/** Starts the decode workers and asks for a media token ahead of the first image (the imaging section is open). */
export function warmUpViewer(): void {
  viewerRuntime();
  warmUpMedia();
}

/** Changes the budget for this session and the caches' limits at once. */
export function setViewerBudget(bytes: number): void {
  viewerRuntime().setBudget(bytes);
  cornerstone.imageCache.setMaximumSizeBytes(bytes / 16);
}
