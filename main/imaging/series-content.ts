import type { SeriesContent } from '../../preload/contract/imaging.ts';

/** Key Object Selection Document Storage: an SR class of its own, shown as "key objects". */
const KEY_OBJECT_SELECTION = '1.2.840.10008.5.1.4.1.1.88.59';
const STRUCTURED_REPORTS = '1.2.840.10008.5.1.4.1.1.88.';
const PRESENTATION_STATES = '1.2.840.10008.5.1.4.1.1.11.';
/** Encapsulated PDF, CDA, STL, OBJ, MTL (PS3.4 B.5). */
const ENCAPSULATED_DOCUMENTS = '1.2.840.10008.5.1.4.1.1.104.';

/** What an object without pixel data is, from its SOP Class UID. */
export function nonImageContent(sopClassUid: string): Exclude<SeriesContent, 'images'> {
  if (sopClassUid === KEY_OBJECT_SELECTION) return 'key-objects';
  if (sopClassUid.startsWith(STRUCTURED_REPORTS)) return 'structured-report';
  if (sopClassUid.startsWith(PRESENTATION_STATES)) return 'presentation-state';
  if (sopClassUid.startsWith(ENCAPSULATED_DOCUMENTS)) return 'document';
  return 'other';
}

/** A series with any image is an image series (its other objects are not shown); else what its first object is. */
export function seriesContent(instances: readonly { frameCount: number; sopClassUid: string }[]): SeriesContent {
  if (instances.length === 0 || instances.some((instance) => instance.frameCount > 0)) return 'images';
  return nonImageContent(instances[0]!.sopClassUid);
}
