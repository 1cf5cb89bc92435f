import type { DocumentReference } from '@medplum/fhirtypes';
import type { ChartDocument } from '../../../preload/contract/chart.ts';
import { DOCUMENT_KIND_SYSTEM } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

/** A document's file as an export carries it: its SHA-1 (base64), and its bytes (base64) unless the export left them out for size. */
export interface EmbeddedFile {
  hash: string;
  data: string | null;
}

/**
 * A chart document: title, kind, date, media type and size, and with `file`
 * its SHA-1 and, where the export embeds it, its content as base64 — the
 * patient's own file, as the chart holds it. Without `file` (a dataset or
 * decision-support bundle) the reference lists the document without its bytes.
 */
export function documentResource(document: ChartDocument, file?: EmbeddedFile): DocumentReference {
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
    content: [
      {
        attachment: {
          contentType: document.mediaType,
          ...(file?.data ? { data: file.data } : {}),
          size: document.size,
          ...(file ? { hash: file.hash } : {}),
          title: document.title,
          creation: document.date,
        },
      },
    ],
    ...(document.encounterId ? { context: { encounter: [reference(document.encounterId)] } } : {}),
  };
}
