import type { FrameRanges } from '../instanceMeta.ts';

/** One frame's bytes as a buffer of their own (fragments joined), ready to transfer to a worker. */
export function frameBytes(bytes: Uint8Array, ranges: FrameRanges): Uint8Array {
  const total = ranges.reduce((sum, [, length]) => sum + length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const [offset, length] of ranges) {
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  return out;
}
