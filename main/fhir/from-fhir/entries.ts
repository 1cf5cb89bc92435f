import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import type { ImportEntry, ImportReason } from '../../../preload/contract/fhir.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The id an imported row keeps: the source's if it is a UUID like the store's own, else none (a new one is made). */
export function uuidOf(entry: BundleEntry): string | null {
  const fromUrl = entry.fullUrl?.startsWith('urn:uuid:') ? entry.fullUrl.slice('urn:uuid:'.length).toLowerCase() : null;
  if (fromUrl && UUID.test(fromUrl)) return fromUrl;
  const id = entry.resource?.id?.toLowerCase();
  return id && UUID.test(id) ? id : null;
}

/** Every way another entry of the bundle may refer to this one: its full URL, or `Type/id` (relative references). */
export function referencesTo(entry: BundleEntry<Resource>): Set<string> {
  const refs = new Set<string>();
  if (entry.fullUrl) refs.add(entry.fullUrl);
  if (entry.resource?.id) refs.add(`${entry.resource.resourceType}/${entry.resource.id}`);
  return refs;
}

export function skip(index: number, resourceType: string, reason: ImportReason, message: string, path: string | null = null): ImportEntry {
  return { index, resourceType, outcome: 'skipped', reason, path, message };
}
