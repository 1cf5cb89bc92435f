/**
 * One frame's bytes → pixels cornerstone can show: stored values for greyscale (typed by bits allocated and
 * pixel representation, bits above Bits Stored masked or sign-extended), RGBA for colour.
 */
import { Decoder as JpegLosslessDecoder } from 'jpeg-lossless-decoder-js';
import type { InstanceMeta } from '../instanceMeta.ts';
import { codecFor } from '../transferSyntax.ts';
import { paletteToRgba, rgbToRgba, ybr422ToRgba, ybrFullToRgbInPlace } from './colour.ts';
import { decodeJpeg12, jpegPrecision } from './jpeg12.ts';
import { UnsupportedImageError } from './parseInstance.ts';
import { decodeRle } from './rle.ts';
import { decodeWithWasm } from './wasmCodecs.ts';

export type GreyPixels = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

export type DecodedFrame =
  | { readonly kind: 'grey'; readonly pixels: GreyPixels; readonly min: number; readonly max: number }
  | { readonly kind: 'rgba'; readonly pixels: Uint8Array };

interface Samples {
  /** Little-endian sample bytes, in a buffer of their own (aligned, transferable). */
  readonly bytes: Uint8Array;
  readonly planar: boolean;
  /** The codec already turned YCbCr into RGB (JPEG, JPEG 2000 with a colour transform). */
  readonly rgb: boolean;
}

function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
  if (width === 2) for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
  if (width === 4) for (let i = 0; i + 3 < bytes.length; i += 4) [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]] = [bytes[i + 3]!, bytes[i + 2]!, bytes[i + 1]!, bytes[i]!];
  return bytes;
}

function unpackBits(bytes: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) out[p] = (bytes[p >> 3]! >> (p & 7)) & 1;
  return out;
}

async function samplesOf(meta: InstanceMeta, frame: Uint8Array): Promise<Samples> {
  const pixels = meta.rows * meta.columns;
  const bytesPerSample = Math.max(1, meta.bitsAllocated / 8);
  const planar = meta.planarConfiguration === 1;
  switch (codecFor(meta.transferSyntaxUid)) {
    // The frame is already a buffer of its own (frameBytes): used as it is, not copied again.
    case 'native':
      return { bytes: meta.bitsAllocated === 1 ? unpackBits(frame, pixels) : frame, planar, rgb: false };
    case 'big-endian':
      return { bytes: meta.bitsAllocated === 1 ? unpackBits(frame, pixels) : swapBytes(frame, bytesPerSample), planar, rgb: false };
    case 'rle':
      return { bytes: decodeRle(frame, pixels, meta.samplesPerPixel, bytesPerSample), planar: false, rgb: false };
    case 'jpeg-lossless': {
      const decoded = new JpegLosslessDecoder().decode(frame.buffer as ArrayBuffer, frame.byteOffset, frame.length, bytesPerSample);
      return { bytes: new Uint8Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.byteLength)), planar: false, rgb: false };
    }
    case 'jpeg-8bit': {
      if ((jpegPrecision(frame) ?? 8) > 8) return { bytes: decodeJpeg12(frame, meta.rows, meta.columns), planar: false, rgb: false };
      const out = await decodeWithWasm('jpeg-8bit', frame);
      return { bytes: out.bytes, planar: false, rgb: out.componentCount === 3 };
    }
    case 'jpeg-ls': {
      const out = await decodeWithWasm('jpeg-ls', frame);
      return { bytes: out.bytes, planar: false, rgb: false };
    }
    case 'jpeg2000': {
      const out = await decodeWithWasm('jpeg2000', frame);
      return { bytes: out.bytes, planar: false, rgb: out.componentCount === 3 && meta.photometric !== 'YBR_FULL' };
    }
    case undefined:
      throw new UnsupportedImageError(`Unsupported transfer syntax ${meta.transferSyntaxUid}.`);
  }
}

function greyView(meta: InstanceMeta, bytes: Uint8Array): GreyPixels {
  const { buffer, byteOffset, byteLength } = bytes;
  const signed = meta.pixelRepresentation === 1;
  if (meta.bitsAllocated <= 8) return signed ? new Int8Array(buffer, byteOffset, byteLength) : bytes;
  if (meta.bitsAllocated === 16) return signed ? new Int16Array(buffer, byteOffset, byteLength >> 1) : new Uint16Array(buffer, byteOffset, byteLength >> 1);
  return signed ? new Int32Array(buffer, byteOffset, byteLength >> 2) : new Uint32Array(buffer, byteOffset, byteLength >> 2);
}

/** Bits above Bits Stored may carry overlays or garbage: mask them, or sign-extend signed data. */
function fitBitsStored(meta: InstanceMeta, pixels: GreyPixels): { min: number; max: number } {
  const bits = meta.bitsStored;
  const narrower = bits < meta.bitsAllocated && meta.bitsAllocated > 1 && bits < 32;
  const signed = meta.pixelRepresentation === 1;
  const mask = 2 ** bits - 1;
  const shift = 32 - bits;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    let v = pixels[i]!;
    if (narrower) {
      v = signed ? ((v & mask) << shift) >> shift : v & mask;
      pixels[i] = v;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min: min === Infinity ? 0 : min, max: max === -Infinity ? 0 : max };
}

/** `frame`: one frame's bytes in a buffer of their own (frameBytes), which the decoded pixels may reuse. */
export async function decodeFrame(meta: InstanceMeta, frame: Uint8Array): Promise<DecodedFrame> {
  const pixelCount = meta.rows * meta.columns;
  const samples = await samplesOf(meta, frame);
  if (meta.photometric === 'PALETTE COLOR') {
    if (!meta.palette) throw new UnsupportedImageError('Palette colour image without its lookup tables.');
    return { kind: 'rgba', pixels: paletteToRgba(greyView(meta, samples.bytes), meta.palette) };
  }
  if (meta.samplesPerPixel === 3) {
    if (samples.rgb || meta.photometric === 'RGB' || meta.photometric.startsWith('YBR_RCT') || meta.photometric.startsWith('YBR_ICT')) {
      return { kind: 'rgba', pixels: rgbToRgba(samples.bytes, pixelCount, samples.planar) };
    }
    if (meta.photometric === 'YBR_FULL_422' && samples.bytes.length < pixelCount * 3) return { kind: 'rgba', pixels: ybr422ToRgba(samples.bytes, pixelCount) };
    if (meta.photometric.startsWith('YBR')) return { kind: 'rgba', pixels: ybrFullToRgbInPlace(rgbToRgba(samples.bytes, pixelCount, samples.planar)) };
    throw new UnsupportedImageError(`Unsupported photometric interpretation ${meta.photometric}.`);
  }
  const pixels = greyView(meta, samples.bytes);
  if (pixels.length < pixelCount) throw new UnsupportedImageError('The decoded frame is smaller than the image.');
  const view = pixels.length === pixelCount ? pixels : (pixels.subarray(0, pixelCount) as GreyPixels);
  return { kind: 'grey', pixels: view, ...fitBitsStored(meta, view) };
}
