import type { BlobRef } from '../../files/blob-store.node.ts';
import type { ParseOutcome, RejectionReason } from './metadata.ts';

export interface DicomWorkerData {
  blobRoot: string;
  claimsDir: string;
  fileKey: Uint8Array;
}

/** Main → worker. A `parse` is followed by `store` or `skip` for the same id before the next task. */
export type WorkerTask =
  | { type: 'parse'; id: number; path: string }
  /** Bytes already in memory (retrieved from a PACS), transferred to the worker. */
  | { type: 'parseBytes'; id: number; bytes: Uint8Array }
  | { type: 'store'; id: number }
  | { type: 'skip'; id: number }
  | { type: 'dicomdir'; id: number; path: string }
  /** Writes a stored instance to `outputPath`, de-identified when a secret is given. */
  | { type: 'export'; id: number; hash: string; outputPath: string; deidentifySecret: Uint8Array | null };

/** Worker → main. */
export type WorkerReply =
  | { type: 'parsed'; id: number; outcome: ParseOutcome; size: number }
  | { type: 'stored'; id: number; blob: BlobRef }
  | { type: 'failed'; id: number; reason: RejectionReason }
  | { type: 'dicomdir'; id: number; files: string[][] | null }
  | { type: 'exported'; id: number; outcome: 'written' | 'burned-in-annotation' | 'unreadable' };
