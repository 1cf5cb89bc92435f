import { open } from 'node:fs/promises';
import { DOCUMENT_MAX_BYTES, type DocumentMediaType } from '../../preload/contract/chart.ts';
import { AppError } from '../platform/errors.ts';

/** Signatures of the accepted types: a file is what its first bytes say, whatever its name. */
const SIGNATURES: ReadonlyArray<{ mediaType: DocumentMediaType; bytes: readonly number[] }> = [
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

function refused(reason: 'empty' | 'too-large' | 'unsupported-type', message: string): AppError {
  return new AppError('VALIDATION', message, { fields: [{ path: 'file', code: reason, message }], details: { reason } });
}

export function sniffMediaType(head: Uint8Array): DocumentMediaType | null {
  return SIGNATURES.find(({ bytes }) => bytes.every((byte, index) => head[index] === byte))?.mediaType ?? null;
}

/**
 * Reads a chosen attachment: refused (a VALIDATION issue on `file`) when empty, over the size limit (checked
 * before reading, so a huge file is never loaded) or not a PDF, PNG or JPEG by its signature.
 */
export async function readAttachment(path: string): Promise<{ bytes: Uint8Array; mediaType: DocumentMediaType }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) throw refused('empty', 'The file is empty.');
    if (size > DOCUMENT_MAX_BYTES) throw refused('too-large', `The file is larger than ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB.`);
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    const mediaType = sniffMediaType(bytes);
    if (!mediaType) throw refused('unsupported-type', 'Only PDF, PNG and JPEG files can be attached.');
    return { bytes: bytes.subarray(0, at), mediaType };
  } finally {
    await file.close();
  }
}

const EXTENSIONS: Record<DocumentMediaType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export function extensionOf(mediaType: DocumentMediaType): string {
  return EXTENSIONS[mediaType];
}

/** A copy's file name: the document's date and type only, never its title (which may name the patient). */
export function copyName(date: string, mediaType: DocumentMediaType): string {
  return `document-${date}.${extensionOf(mediaType)}`;
}
