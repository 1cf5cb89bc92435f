import { createHash } from 'node:crypto';
import type { Reference, Resource } from '@medplum/fhirtypes';

/** Every resource travels under `urn:uuid:<id>` (the store's ids are UUIDs), so references resolve inside the bundle. */
export function fullUrl(id: string): string {
  return `urn:uuid:${id}`;
}

export function reference<T extends Resource = Resource>(id: string, display?: string): Reference<T> {
  return { reference: fullUrl(id), ...(display ? { display } : {}) };
}

/**
 * A stable UUID (RFC 9562 version 5 layout over SHA-1) for a resource the
 * store keeps no row of, such as the Coverage behind a patient's insurance
 * fields: the same patient always exports the same id.
 */
export function derivedUuid(ownerId: string, role: string): string {
  const bytes = createHash('sha1').update(`${ownerId}/${role}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
