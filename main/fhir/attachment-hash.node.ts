import { createHash } from 'node:crypto';

/** An attachment's `hash` as FHIR R4 defines it: the SHA-1 of the bytes, base64. */
export function attachmentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}
