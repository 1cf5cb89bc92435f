/** A series thumbnail drawn from a decoded frame with the file's own window (no cornerstone element needed). */
import type { LoadedFrame } from './loader/frameSource.ts';

export function drawThumbnail(canvas: HTMLCanvasElement, { meta, decoded }: LoadedFrame): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = new ImageData(meta.columns, meta.rows);
  const out = image.data;
  if (decoded.kind === 'rgba') {
    out.set(decoded.pixels.subarray(0, out.length));
  } else {
    const { rescaleSlope: slope, rescaleIntercept: intercept } = meta;
    const low0 = decoded.min * slope + intercept;
    const high0 = decoded.max * slope + intercept;
    const width = meta.windowWidth && meta.windowWidth > 0 ? meta.windowWidth : Math.max(1, high0 - low0);
    const center = meta.windowWidth && meta.windowCenter !== undefined ? meta.windowCenter : (high0 + low0) / 2;
    const low = center - width / 2;
    const invert = meta.photometric === 'MONOCHROME1';
    for (let i = 0; i < decoded.pixels.length; i++) {
      let v = Math.max(0, Math.min(255, ((decoded.pixels[i]! * slope + intercept - low) / width) * 255));
      if (invert) v = 255 - v;
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
      out[i * 4 + 3] = 255;
    }
  }
  const source = new OffscreenCanvas(meta.columns, meta.rows);
  source.getContext('2d')!.putImageData(image, 0, 0);
  const scale = Math.min(canvas.width / meta.columns, canvas.height / meta.rows);
  const w = meta.columns * scale;
  const h = meta.rows * scale;
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(source, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
}
