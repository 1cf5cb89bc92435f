import type { WireError } from './errors.ts';
import type { BackupInfo, OpenRequest, StoreInfo } from './interface.ts';

/** What the worker does on request; each operation runs to completion before the next starts. */
export interface StoreOps {
  open(request: OpenRequest): StoreInfo;
  call(method: string, args: unknown[]): unknown;
  rekey(key: Uint8Array): void;
  /** Writes a consistent, still-encrypted copy of the database to a new file. */
  backup(path: string): BackupInfo;
  /** Verifies a candidate database file and swaps it in; `key` opens a candidate under a retired key. */
  restore(candidatePath: string, key: Uint8Array | null): StoreInfo;
  checkpoint(): void;
  info(): StoreInfo;
  close(): void;
}
export type OpName = keyof StoreOps;
export const OP_NAMES = ['open', 'call', 'rekey', 'backup', 'restore', 'checkpoint', 'info', 'close'] as const satisfies readonly OpName[];

export type StoreRequest = { [O in OpName]: { id: number; op: O; args: Parameters<StoreOps[O]> } }[OpName];

export type StoreResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** Diagnostics the worker forwards to main's logger: codes and references only. */
export interface WorkerLog {
  log: 'warn' | 'error';
  event: string;
  fields: Record<string, string | number | boolean | null | undefined>;
}

export type WorkerMessage = StoreResponse | WorkerLog;
