import type { ChartDocument } from '../../preload/contract/chart.ts';
import { FHIR_EMBEDDED_FILE_MAX_BYTES } from '../../preload/contract/fhir.ts';
import type { BlobRef } from '../files/blob-store.node.ts';
import { attachmentHash } from './attachment-hash.node.ts';
import type { ImportPlan, StoredPlan } from './import-plan.ts';
import type { EmbeddedFile } from './to-fhir/document.ts';

/**
 * All embedded files of one export together: base64 makes 30 MB about 40 MB, which leaves the rest of the chart
 * room under the import's 50 MB limit, so every export this workstation writes it can also read.
 */
export const MAX_EMBEDDED_TOTAL_BYTES = 30 * 1024 * 1024;

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * The documents' files for an export, oldest document first: each hashed, and embedded while it fits both limits.
 * `withoutContent` counts the documents left as references only: too large (their size and hash still say what they
 * are), or attached on another workstation and not reachable now (`read` gives null; their size still says).
 */
export async function exportedFiles(
  documents: readonly ChartDocument[],
  blobs: Readonly<Record<string, string>>,
  read: (blobHash: string) => Promise<Uint8Array | null>,
): Promise<{ files: Map<string, EmbeddedFile>; withoutContent: number }> {
  const files = new Map<string, EmbeddedFile>();
  let embedded = 0;
  let withoutContent = 0;
  for (const document of documents) {
    const bytes = await read(blobs[document.id]!);
    if (!bytes) {
      withoutContent++;
      continue;
    }
    const fits = bytes.byteLength <= FHIR_EMBEDDED_FILE_MAX_BYTES && embedded + bytes.byteLength <= MAX_EMBEDDED_TOTAL_BYTES;
    if (fits) embedded += bytes.byteLength;
    else withoutContent++;
    files.set(document.id, { hash: attachmentHash(bytes), data: fits ? base64(bytes) : null });
  }
  return { files, withoutContent };
}

/**
 * An import plan's document files put in the encrypted blob store, so the store writes only their names.
 * Content-addressed, so a second import of the same file adds nothing; if the store then refuses the import,
 * the blobs stay unreferenced and encrypted, as after a refused attachment.
 */
export async function storeDocumentFiles(plan: ImportPlan, put: (bytes: Uint8Array) => Promise<BlobRef>): Promise<StoredPlan> {
  const documents: StoredPlan['documents'] = [];
  for (const { content, ...document } of plan.documents) {
    const blob = await put(content.bytes);
    documents.push({ ...document, content: { mediaType: content.mediaType, size: blob.size, blobHash: blob.hash } });
  }
  return { ...plan, documents };
}

