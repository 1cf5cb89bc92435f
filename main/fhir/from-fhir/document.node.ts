import type { Attachment, BundleEntry, DocumentReference } from '@medplum/fhirtypes';
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, documentInputSchema, type DocumentMediaType } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import { sniffMediaType } from '../../chart/document-files.node.ts';
import { attachmentHash } from '../attachment-hash.node.ts';
import type { DocumentFile, PlannedDocument } from '../import-plan.ts';
import { DOCUMENT_KIND_SYSTEM } from '../systems.ts';
import { fromInstant } from '../time.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { codeIn, conceptText, dateOnly, named } from './values.ts';

const TYPE = 'DocumentReference';
const POINTERS: Record<string, string> = { title: '/description', date: '/content/0/attachment/creation', kind: '/type' };
const KINDS = new Set<string>(DOCUMENT_KINDS);

const MAX_BASE64_LENGTH = Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4;

/** Strict base64 (whitespace allowed between groups, as FHIR's base64Binary allows): null if it is not, 'too-large' past the document limit (not decoded). */
function decodeBase64(data: string): Buffer | 'too-large' | null {
  const compact = data.replace(/\s+/g, '');
  if (compact.length > MAX_BASE64_LENGTH) return 'too-large';
  const bytes = Buffer.from(compact, 'base64');
  return bytes.toString('base64') === compact ? bytes : null;
}

/** The file of a document as its first attachment with inline data carries it, checked against what the attachment says about it. */
function fileOf(index: number, attachment: Attachment, at: number): DocumentFile | ImportEntry {
  const pointer = `/content/${at}/attachment`;
  const bytes = decodeBase64(attachment.data!);
  if (!bytes) return skip(index, TYPE, 'invalid-value', 'The attachment’s data is not base64.', `${pointer}/data`);
  if (bytes.length === 0) return skip(index, TYPE, 'no-content', 'The attachment’s data is empty.', `${pointer}/data`);
  if (bytes === 'too-large' || bytes.length > DOCUMENT_MAX_BYTES) return skip(index, TYPE, 'invalid-value', `The file is larger than ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB.`, `${pointer}/data`);
  if (attachment.size !== undefined && attachment.size !== bytes.length) return skip(index, TYPE, 'invalid-value', 'The attachment’s size does not match its data.', `${pointer}/size`);
  if (attachment.hash !== undefined && attachment.hash !== attachmentHash(bytes)) {
    return skip(index, TYPE, 'invalid-value', 'The attachment’s SHA-1 hash does not match its data.', `${pointer}/hash`);
  }
  const mediaType: DocumentMediaType | null = sniffMediaType(bytes);
  if (!mediaType) return skip(index, TYPE, 'unsupported-type', 'Only PDF, PNG and JPEG files are imported as documents.', `${pointer}/data`);
  // The bytes decide the type, as when a file is attached; a label that says otherwise is a wrong label.
  if (attachment.contentType !== undefined && attachment.contentType.split(';')[0]!.trim().toLowerCase() !== mediaType) {
    return skip(index, TYPE, 'invalid-value', 'The attachment’s content type does not match its data.', `${pointer}/contentType`);
  }
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), mediaType };
}

/**
 * A chart document: a DocumentReference of the patient whose file travels
 * inline (`content[].attachment.data`). One that only points at its file (a
 * URL, or an export that left a large file out) is skipped as `no-content`:
 * the chart holds documents, not links, and the workstation never fetches
 * what a bundle points at.
 */
export function planDocument(entry: BundleEntry<DocumentReference>, index: number, context: PlanContext): PlannedDocument<DocumentFile> | ImportEntry {
  const resource = entry.resource!;
  if (!context.isPatient(resource.subject)) return skip(index, TYPE, 'not-for-patient', 'The document is not the bundle’s patient’s.', '/subject');
  if (resource.status === 'entered-in-error') return skip(index, TYPE, 'unsupported-code', 'The document was entered in error.', '/status');
  const at = (resource.content ?? []).findIndex((content) => content.attachment?.data !== undefined);
  if (at < 0) return skip(index, TYPE, 'no-content', 'The document’s file is not in the bundle (a reference or link only); attach the file to the chart instead.', '/content');
  const attachment = resource.content[at]!.attachment;
  const file = fileOf(index, attachment, at);
  if ('outcome' in file) return file;
  const kind = codeIn(resource.type, DOCUMENT_KIND_SYSTEM);
  const encounter = context.resolve(resource.context?.encounter?.[0]);
  const parsed = documentInputSchema.safeParse({
    title: attachment.title ?? resource.description ?? conceptText(resource.type) ?? '',
    kind: kind && KINDS.has(kind) ? kind : 'other',
    date: dateOnly(attachment.creation) ?? dateOnly(resource.date) ?? '',
    encounterId: encounter?.resource.resourceType === 'Encounter' ? encounter.id : null,
  });
  if (!parsed.success) return invalid(index, TYPE, parsed.error, POINTERS);
  return {
    index,
    parts: [],
    id: context.idAt(index),
    fields: parsed.data,
    recordedBy: named(resource.author?.find((author) => author.display)?.display),
    createdAt: fromInstant(resource.date),
    content: file,
  };
}
