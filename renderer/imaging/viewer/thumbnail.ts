/** A series thumbnail drawn from a decoded frame with the file's own window (no cornerstone element needed). */
import type { LoadedFrame } from './loader/frameSource.ts';

/**
 * Only the thumbnail's own pixels are computed (nearest sample of the frame at the thumbnail's scale): a
 * 512×512 frame windowed in full would cost the UI thread tens of milliseconds for 96×96 shown pixels.
 */
export function drawThumbnail(canvas: HTMLCanvasElement, { meta, decoded }: LoadedFrame): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const scale = Math.min(canvas.width / meta.columns, canvas.height / meta.rows, 1);
  const width = Math.max(1, Math.round(meta.columns * scale));
  const height = Math.max(1, Math.round(meta.rows * scale));
  const image = new ImageData(width, height);
  const out = image.data;
  const sourceIndex = (x: number, y: number) => Math.min(meta.rows - 1, Math.floor((y + 0.5) / scale)) * meta.columns + Math.min(meta.columns - 1, Math.floor((x + 0.5) / scale));
  if (decoded.kind === 'rgba') {
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(decoded.pixels.subarray(sourceIndex(x, y) * 4, sourceIndex(x, y) * 4 + 4), (y * width + x) * 4);
  } else {
    const { rescaleSlope: slope, rescaleIntercept: intercept } = meta;
    const low0 = decoded.min * slope + intercept;
    const high0 = decoded.max * slope + intercept;
    const windowWidth = meta.windowWidth && meta.windowWidth > 0 ? meta.windowWidth : Math.max(1, high0 - low0);
    const center = meta.windowWidth && meta.windowCenter !== undefined ? meta.windowCenter : (high0 + low0) / 2;
    const low = center - windowWidth / 2;
    const invert = meta.photometric === 'MONOCHROME1';
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let v = Math.max(0, Math.min(255, ((decoded.pixels[sourceIndex(x, y)]! * slope + intercept - low) / windowWidth) * 255));
        if (invert) v = 255 - v;
        const i = (y * width + x) * 4;
        out[i] = out[i + 1] = out[i + 2] = v;
        out[i + 3] = 255;
      }
    }
  }
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.putImageData(image, Math.floor((canvas.width - width) / 2), Math.floor((canvas.height - height) / 2));
}
