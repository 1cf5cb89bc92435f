import type { SyncProblemCode, SyncProblemDetail } from '../../preload/contract/sync.ts';
import type { PullBlock } from './pull-blocks.node.ts';
import type { TimeWindow } from './throttle.ts';

export interface WorkerSettings {
  /** Between automatic rounds. */
  intervalMs: number;
  bandwidthBytesPerSecond: number | null;
  window: TimeWindow | null;
  batchChanges?: number;
  /** Download image and document files as soon as their rows arrive, rather than on first open. */
  eagerBlobs?: boolean;
  /** Multipart part size for image files; the default unless a test wants many parts. */
  blobPartSize?: number;
}

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = { intervalMs: 60_000, bandwidthBytesPerSecond: null, window: null };

/** Main → worker. The first message opens the worker's own store connection. */
export type WorkerCommand =
  | { type: 'open'; dbPath: string; dbKey: Uint8Array; settings: WorkerSettings; blobRoot?: string }
  | { type: 'settings'; settings: WorkerSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'syncNow'; requestId?: number }
  /** Someone is opening a file this workstation does not have: fetch it from the bucket. */
  | { type: 'fetchBlob'; requestId: number; hash: string }
  /** Send the due CDS Hooks calls now (main/analytics/cds); `now` is main's clock. */
  | { type: 'cds'; requestId: number; now?: number }
  | { type: 'stop' };

export interface TargetReport {
  targetId: string;
  pushed: { objects: number; changes: number; bytes: number };
  pulled: { objects: number; changes: number; bytes: number };
  /** Other workstations whose changes stopped applying (pull-blocks.node.ts); the Sync screen reads them from the store. */
  blocked: PullBlock[];
  /** The screen words `code` and `detail`; `message` (English) is for the CLI's output and the logs. */
  error: { code: SyncProblemCode; detail: SyncProblemDetail; message: string; permanent: boolean } | null;
}

/** Worker → main. Messages carry codes, counts and plain-words explanations, never patient data. */
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'state'; state: 'idle' | 'syncing' | 'paused' | 'outsideWindow' }
  | { type: 'transfer'; targetId: string; direction: 'push' | 'pull'; workstation: string; object: number; changes: number; bytes: number }
  | { type: 'round'; requestId?: number; reports: TargetReport[]; at: number }
  | { type: 'blobFetched'; requestId: number; stored: boolean }
  /** A part of a large file went up (progress; the crash tests' kill point). */
  | { type: 'blobPart'; targetId: string; part: number; parts: number }
  /** A CDS Hooks run finished: counts only (null: the store refused it). */
  | { type: 'cds'; requestId: number; report: { sent: number; succeeded: number; failed: number } | null }
  /** A round changed staff accounts (entities/user.node.ts): main brings its keyring in line. */
  | { type: 'accountsChanged' }
  | { type: 'fatal'; message: string };
