import type { BlobRef } from '../../files/blob-store.node.ts';
import type { InstanceMetadata, RejectionReason } from './metadata.ts';

export interface DicomWorkerData {
  blobRoot: string;
  claimsDir: string;
  fileKey: Uint8Array;
}

/**
 * Main → worker. `import` reads, parses and (when the file is acceptable) stores one file in a single
 * exchange; whether its SOP Instance UID is new is decided when it is indexed.
 */
export type WorkerTask =
  | { type: 'import'; id: number; path: string }
  /** Bytes already in memory (retrieved from a PACS), transferred to the worker. */
  | { type: 'importBytes'; id: number; bytes: Uint8Array }
  | { type: 'dicomdir'; id: number; path: string }
  /** Writes a stored instance to `outputPath`, de-identified when a secret is given. */
  | { type: 'export'; id: number; hash: string; outputPath: string; deidentifySecret: Uint8Array | null };

/** Worker → main. */
export type WorkerReply =
  /** `created`: this import published the blob (an equal one was not stored already). */
  | { type: 'stored'; id: number; metadata: InstanceMetadata; blob: BlobRef; created: boolean }
  | { type: 'failed'; id: number; reason: RejectionReason }
  | { type: 'dicomdir'; id: number; files: string[][] | null }
  | { type: 'exported'; id: number; outcome: 'written' | 'burned-in-annotation' | 'unreadable' };
