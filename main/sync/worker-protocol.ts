import type { TimeWindow } from './throttle.ts';

export interface WorkerSettings {
  /** Between automatic rounds. */
  intervalMs: number;
  bandwidthBytesPerSecond: number | null;
  window: TimeWindow | null;
  batchChanges?: number;
}

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = { intervalMs: 60_000, bandwidthBytesPerSecond: null, window: null };

/** Main → worker. The first message opens the worker's own store connection. */
export type WorkerCommand =
  | { type: 'open'; dbPath: string; dbKey: Uint8Array; settings: WorkerSettings; blobRoot?: string }
  | { type: 'settings'; settings: WorkerSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'syncNow'; requestId?: number }
  | { type: 'stop' };

export interface TargetReport {
  targetId: string;
  pushed: { objects: number; changes: number; bytes: number };
  pulled: { objects: number; changes: number; bytes: number };
  error: { code: string; message: string; permanent: boolean } | null;
}

/** Worker → main. Messages carry codes, counts and plain-words explanations, never patient data. */
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'state'; state: 'idle' | 'syncing' | 'paused' | 'outsideWindow' }
  | { type: 'transfer'; targetId: string; direction: 'push' | 'pull'; workstation: string; object: number; changes: number; bytes: number }
  | { type: 'round'; requestId?: number; reports: TargetReport[]; at: number }
  | { type: 'fatal'; message: string };
