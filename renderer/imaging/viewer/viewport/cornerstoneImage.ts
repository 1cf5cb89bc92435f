/** A decoded frame as cornerstone-core's image object; the pixel array is shared with the loader's cache, not copied. */
import type { CsImage } from 'cornerstone-core';
import type { LoadedFrame } from '../loader/frameSource.ts';

export function toCornerstoneImage(imageId: string, { meta, decoded, decodeMs }: LoadedFrame): CsImage {
  const colour = decoded.kind === 'rgba';
  const min = decoded.kind === 'grey' ? decoded.min : 0;
  const max = decoded.kind === 'grey' ? decoded.max : 255;
  const slope = colour ? 1 : meta.rescaleSlope;
  const intercept = colour ? 0 : meta.rescaleIntercept;
  const low = Math.min(min * slope + intercept, max * slope + intercept);
  const high = Math.max(min * slope + intercept, max * slope + intercept);
  // Without a window in the file, show the full range of values present.
  const windowWidth = !colour && meta.windowWidth && meta.windowWidth > 0 ? meta.windowWidth : Math.max(1, high - low);
  const windowCenter = !colour && meta.windowCenter !== undefined && meta.windowWidth ? meta.windowCenter : (high + low) / 2;
  const pixels = decoded.pixels;
  return {
    imageId,
    minPixelValue: min,
    maxPixelValue: max,
    slope,
    intercept,
    windowCenter,
    windowWidth,
    getPixelData: () => pixels,
    rows: meta.rows,
    columns: meta.columns,
    height: meta.rows,
    width: meta.columns,
    color: colour,
    rgba: colour,
    rowPixelSpacing: meta.pixelSpacing?.[0],
    columnPixelSpacing: meta.pixelSpacing?.[1],
    invert: meta.photometric === 'MONOCHROME1',
    sizeInBytes: pixels.byteLength,
    decodeTimeInMS: decodeMs,
  };
}
