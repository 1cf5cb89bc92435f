/**
 * 12-bit lossy JPEG (JPEG Extended, process 4), which the libjpeg-turbo WASM codec, built for 8 bits, cannot decode:
 * the frame header says which a stream needs, and 12-bit streams go to the vendored decoder (vendor/jpeg-12bit.js).
 */
import { UnsupportedImageError } from './parseInstance.ts';
import JpegImage from './vendor/jpeg-12bit.js';

/** Start-of-frame markers (T.81 B.1.1.3): every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** The sample precision in a JPEG stream's frame header (8 or 12 for DCT), or null if no frame header is found. */
export function jpegPrecision(stream: Uint8Array): number | null {
  let at = 2;
  while (at + 4 < stream.length) {
    if (stream[at] !== 0xff) return null;
    const marker = stream[at + 1]!;
    // Fill bytes before a marker, and markers without a length (TEM, RSTn).
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (SOF.has(marker)) return stream[at + 4] ?? null;
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + ((stream[at + 2]! << 8) | stream[at + 3]!);
  }
  return null;
}

/** A greyscale 12-bit JPEG frame as 16-bit little-endian samples, in a buffer of their own. */
export function decodeJpeg12(stream: Uint8Array, rows: number, columns: number): Uint8Array {
  const jpeg = new JpegImage();
  try {
    jpeg.parse(stream);
  } catch (thrown) {
    // The decoder throws strings: kept as the reason, which names the JPEG structure at fault, never pixel data.
    throw new Error(`The 12-bit JPEG data is damaged (${String(thrown)}).`);
  }
  if (jpeg.components.length !== 1) throw new UnsupportedImageError('12-bit colour JPEG is not supported.');
  if (jpeg.width !== columns || jpeg.height !== rows) throw new Error('The 12-bit JPEG image does not have the size the file gives.');
  const samples = jpeg.getData16(columns, rows);
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
