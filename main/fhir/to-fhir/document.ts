import type { DocumentReference } from '@medplum/fhirtypes';
import type { ChartDocument } from '../../../preload/contract/chart.ts';
import { DOCUMENT_KIND_SYSTEM } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

/**
 * A chart document's record: title, kind, date, media type and size. The
 * content stays in the encrypted blob store; the reference lists it without
 * the bytes.
 */
export function documentResource(document: ChartDocument): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: document.id,
    meta: { lastUpdated: toInstant(document.updatedAt) },
    status: 'current',
    type: { coding: [{ system: DOCUMENT_KIND_SYSTEM, code: document.kind }], text: document.kind },
    subject: reference(document.patientId),
    date: toInstant(document.createdAt),
    ...(document.recordedBy.name ? { author: [{ display: document.recordedBy.name }] } : {}),
    description: document.title,
    content: [{ attachment: { contentType: document.mediaType, size: document.size, title: document.title, creation: document.date } }],
    ...(document.encounterId ? { context: { encounter: [reference(document.encounterId)] } } : {}),
  };
}
