/**
 * DICOM RLE (PS3.5 Annex G), decoded by hand: a 64-byte header with up to 15 segment offsets, each segment a
 * PackBits stream of one byte plane, most significant byte first, sample by sample.
 * Output: the frame as little-endian interleaved samples (what a native frame would hold).
 */
export function decodeRle(frame: Uint8Array, pixels: number, samplesPerPixel: number, bytesPerSample: number): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  const expected = samplesPerPixel * bytesPerSample;
  if (segments !== expected) throw new Error(`RLE frame has ${segments} segments, expected ${expected}.`);
  const out = new Uint8Array(pixels * expected);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segments ? view.getUint32(8 + segment * 4, true) : frame.byteLength;
    const sample = Math.floor(segment / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const stride = expected;
    let position = sample * bytesPerSample + byteInSample;
    const limit = out.length;
    let i = start;
    while (i < end && position < limit) {
      const n = (frame[i++]! << 24) >> 24;
      if (n >= 0) {
        for (let k = 0; k <= n && i < end && position < limit; k++, position += stride) out[position] = frame[i++]!;
      } else if (n > -128) {
        const value = frame[i++]!;
        for (let k = 0; k < 1 - n && position < limit; k++, position += stride) out[position] = value;
      }
    }
  }
  return out;
}
