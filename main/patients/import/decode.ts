import type { ImportEncoding } from '../../../preload/contract/patient-import.ts';

/**
 * A CSV file's bytes as text. Byte-order marks name UTF-8 and UTF-16 (Excel's
 * "CSV UTF-8" and "Unicode text"); without one, strict UTF-8 is tried first,
 * and anything that is not valid UTF-8 is read as GB18030, the superset of GBK
 * that Chinese Excel writes for plain "CSV".
 */
export function decodeCsv(bytes: Uint8Array): { encoding: ImportEncoding; text: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', text: decode('utf-8', bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', text: decode('utf-16le', bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', text: decode('utf-16be', bytes.subarray(2)) };
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { encoding: 'gb18030', text: decode('gb18030', bytes) };
  }
}

function decode(label: string, bytes: Uint8Array): string {
  // ignoreBOM: the mark was already consumed; a second one would be data.
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}
