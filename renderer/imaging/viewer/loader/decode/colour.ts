/** Colour models to RGBA (what cornerstone-core renders): RGB in either planar configuration, YBR_FULL, YBR_FULL_422 and palette colour. */
import type { PaletteLut } from '../instanceMeta.ts';

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v | 0);

/** `samples`: 3 × pixels bytes, interleaved (planar = 0) or colour-by-plane (planar = 1). */
export function rgbToRgba(samples: Uint8Array, pixels: number, planar: boolean): Uint8Array {
  const out = new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const o = p * 4;
    if (planar) {
      out[o] = samples[p]!;
      out[o + 1] = samples[p + pixels]!;
      out[o + 2] = samples[p + 2 * pixels]!;
    } else {
      out[o] = samples[p * 3]!;
      out[o + 1] = samples[p * 3 + 1]!;
      out[o + 2] = samples[p * 3 + 2]!;
    }
    out[o + 3] = 255;
  }
  return out;
}

/** PS3.3 C.7.6.3.1.2, in place on RGBA laid out as Y Cb Cr A. */
export function ybrFullToRgbInPlace(rgba: Uint8Array): Uint8Array {
  for (let o = 0; o < rgba.length; o += 4) {
    const y = rgba[o]!;
    const cb = rgba[o + 1]! - 128;
    const cr = rgba[o + 2]! - 128;
    rgba[o] = clamp(y + 1.402 * cr + 0.5);
    rgba[o + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr + 0.5);
    rgba[o + 2] = clamp(y + 1.772 * cb + 0.5);
  }
  return rgba;
}

/** Native YBR_FULL_422: each pair of pixels is Y1 Y2 Cb Cr. */
export function ybr422ToRgba(samples: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 4);
  for (let p = 0, i = 0; p < pixels && i + 3 < samples.length; p += 2, i += 4) {
    for (const k of [0, 1]) {
      if (p + k >= pixels) break;
      const o = (p + k) * 4;
      out[o] = samples[i + k]!;
      out[o + 1] = samples[i + 2]!;
      out[o + 2] = samples[i + 3]!;
      out[o + 3] = 255;
    }
  }
  return ybrFullToRgbInPlace(out);
}

export function paletteToRgba(indices: ArrayLike<number>, lut: PaletteLut): Uint8Array {
  const out = new Uint8Array(indices.length * 4);
  const last = lut.red.length - 1;
  for (let p = 0; p < indices.length; p++) {
    const index = Math.min(last, Math.max(0, indices[p]! - lut.firstValue));
    const o = p * 4;
    out[o] = lut.red[index]!;
    out[o + 1] = lut.green[index]!;
    out[o + 2] = lut.blue[index]!;
    out[o + 3] = 255;
  }
  return out;
}
