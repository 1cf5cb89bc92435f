import type { StagedBlob } from '../../files/blob-store.node.ts';
import type { InstanceMetadata, RejectionReason } from './metadata.ts';

export interface DicomWorkerData {
  blobRoot: string;
  fileKey: Uint8Array;
}

/**
 * Main → worker. `import` reads, parses and (when the file is acceptable) stages one file's blob in a single
 * exchange; main publishes it and decides, when indexing, whether its SOP Instance UID is new.
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
  /** Encrypted into a temp file, neither durable nor published yet (`blob.temp` null: an equal blob was stored already). */
  | { type: 'staged'; id: number; metadata: InstanceMetadata; blob: StagedBlob }
  | { type: 'failed'; id: number; reason: RejectionReason }
  | { type: 'dicomdir'; id: number; files: string[][] | null }
  | { type: 'exported'; id: number; outcome: 'written' | 'burned-in-annotation' | 'non-image' | 'unreadable' };
