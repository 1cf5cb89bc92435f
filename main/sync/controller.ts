import { Worker } from 'node:worker_threads';
import type { SyncSettings, SyncStatus } from '../../preload/contract/sync.ts';
import type { Logger } from '../platform/logger.ts';
import type { TargetReport, WorkerCommand, WorkerEvent, WorkerSettings } from './worker-protocol.ts';
import { SYNC_WORKER_URL } from './worker-entry.ts';

const RECENT_ERRORS = 20;
const FETCH_TIMEOUT_MS = 120_000;

type CdsRunReport = Extract<WorkerEvent, { type: 'cds' }>['report'];

export type WorkerState = 'stopped' | 'idle' | 'syncing' | 'paused' | 'outsideWindow';

export interface ControllerSnapshot {
  state: WorkerState;
  transfer: { targetId: string; direction: 'push' | 'pull'; object: number; changes: number; bytes: number } | null;
  recentErrors: SyncStatus['recentErrors'];
  lastRounds: ReadonlyMap<string, { at: number; report: TargetReport }>;
}

export function workerSettings(settings: SyncSettings): WorkerSettings {
  return {
    intervalMs: settings.intervalMinutes * 60_000,
    bandwidthBytesPerSecond: settings.bandwidthKiBps === null ? null : settings.bandwidthKiBps * 1024,
    window: settings.window,
    eagerBlobs: settings.eagerImages,
  };
}

/**
 * Main's handle on the sync worker thread: starts it with the store's path
 * and key (it opens its own connection), relays commands, and keeps the
 * latest state, transfer and errors for the Sync screen.
 */
export class SyncController {
  readonly #logger: Logger;
  readonly #onChange: () => void;
  #worker: Worker | null = null;
  #state: WorkerState = 'stopped';
  #transfer: ControllerSnapshot['transfer'] = null;
  #errors: ControllerSnapshot['recentErrors'] = [];
  readonly #lastRounds = new Map<string, { at: number; report: TargetReport }>();
  readonly #waiting = new Map<number, (reports: TargetReport[]) => void>();
  readonly #fetches = new Map<number, (stored: boolean) => void>();
  readonly #cdsWaiting = new Map<number, (report: CdsRunReport | null) => void>();
  #nextRequest = 1;
  #accountsListener: (() => void) | null = null;

  constructor(options: { logger: Logger; onChange: () => void }) {
    this.#logger = options.logger;
    this.#onChange = options.onChange;
  }

  get running(): boolean {
    return this.#worker !== null;
  }

  start(dbPath: string, dbKey: Uint8Array, settings: SyncSettings, paused: boolean, blobRoot?: string): void {
    if (this.#worker) return;
    const worker = new Worker(SYNC_WORKER_URL);
    this.#worker = worker;
    // The worker's timer keeps it busy; it must not keep the app from quitting.
    worker.unref();
    worker.on('message', (event: WorkerEvent) => this.#receive(event));
    worker.on('error', (error) => this.#logger.error('sync-worker-error', error));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
      this.#state = 'stopped';
      for (const resolve of this.#waiting.values()) resolve([]);
      this.#waiting.clear();
      for (const resolve of this.#fetches.values()) resolve(false);
      this.#fetches.clear();
      for (const resolve of this.#cdsWaiting.values()) resolve(null);
      this.#cdsWaiting.clear();
      this.#onChange();
    });
    this.#send({ type: 'open', dbPath, dbKey, settings: workerSettings(settings), blobRoot });
    if (paused) this.#send({ type: 'pause' });
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#send({ type: 'stop' });
    // Held while it closes its connection: an unref'd worker would let a CLI process end mid-wait.
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // A round stuck on the network is not worth waiting long for at quit: its checkpoints make it safe to cut.
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref())]);
    await worker.terminate();
  }

  pause(): void {
    this.#send({ type: 'pause' });
  }

  resume(): void {
    this.#send({ type: 'resume' });
  }

  settings(settings: SyncSettings): void {
    this.#send({ type: 'settings', settings: workerSettings(settings) });
  }

  /** One round now; resolves with its reports (empty if the worker is not running). */
  syncNow(): Promise<TargetReport[]> {
    if (!this.#worker) return Promise.resolve([]);
    const requestId = this.#nextRequest++;
    // Someone waits for this round (the CLI): the process must not exit under it.
    this.#worker.ref();
    return new Promise((resolve) => {
      this.#waiting.set(requestId, (reports) => {
        if (this.#waiting.size === 0) this.#worker?.unref();
        resolve(reports);
      });
      this.#send({ type: 'syncNow', requestId });
    });
  }

  /**
   * Asks the worker to send the due CDS Hooks calls now (main/analytics/cds),
   * with main's clock; resolves with the counts, or null if the worker is not
   * running or its store refused.
   */
  dispatchCds(now?: number): Promise<CdsRunReport | null> {
    if (!this.#worker) return Promise.resolve(null);
    const requestId = this.#nextRequest++;
    return new Promise((resolve) => {
      this.#cdsWaiting.set(requestId, resolve);
      this.#send({ type: 'cds', requestId, now });
    });
  }

  /** Called when a round changed staff accounts (main brings the keyring in line). */
  onAccountsChanged(listener: () => void): void {
    this.#accountsListener = listener;
  }

  /** Fetches a file this workstation lacks from the bucket into the blob store; false if no target has it (or sync is not running). */
  fetchBlob(hash: string): Promise<boolean> {
    if (!this.#worker) return Promise.resolve(false);
    const requestId = this.#nextRequest++;
    return new Promise((resolve) => {
      // A viewer is waiting: a download stuck on the network is given up (the file is asked for again on the next open).
      const timeout = setTimeout(() => this.#fetches.get(requestId)?.(false), FETCH_TIMEOUT_MS).unref();
      this.#fetches.set(requestId, (stored) => {
        clearTimeout(timeout);
        this.#fetches.delete(requestId);
        resolve(stored);
      });
      this.#send({ type: 'fetchBlob', requestId, hash });
    });
  }

  snapshot(): ControllerSnapshot {
    return { state: this.#state, transfer: this.#transfer, recentErrors: [...this.#errors], lastRounds: this.#lastRounds };
  }

  #send(command: WorkerCommand): void {
    this.#worker?.postMessage(command);
  }

  #receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'ready':
        return;
      case 'blobPart':
        this.#transfer = { targetId: event.targetId, direction: 'push', object: event.part, changes: 0, bytes: 0 };
        break;
      case 'blobFetched':
        this.#fetches.get(event.requestId)?.(event.stored);
        return;
      case 'accountsChanged':
        this.#accountsListener?.();
        return;
      case 'cds':
        this.#cdsWaiting.get(event.requestId)?.(event.report);
        this.#cdsWaiting.delete(event.requestId);
        return;
      case 'fatal':
        this.#logger.error('sync-worker-fatal', null, { reason: event.message });
        void this.#worker?.terminate();
        return;
      case 'state':
        this.#state = event.state;
        if (event.state !== 'syncing') this.#transfer = null;
        break;
      case 'transfer':
        this.#transfer = { targetId: event.targetId, direction: event.direction, object: event.object, changes: event.changes, bytes: event.bytes };
        break;
      case 'round': {
        for (const report of event.reports) {
          this.#lastRounds.set(report.targetId, { at: event.at, report });
          if (report.error) {
            // Code and detail only: the screen words them in its own language.
            const { code, detail, permanent } = report.error;
            this.#errors = [{ at: event.at, targetId: report.targetId, code, detail, permanent }, ...this.#errors].slice(0, RECENT_ERRORS);
          }
        }
        // Requests that arrived during a round are answered by the next one, which covers them.
        const waiting = event.requestId === undefined ? [] : [...this.#waiting].filter(([id]) => id <= event.requestId! || event.requestId === -1);
        for (const [id, resolve] of waiting) {
          this.#waiting.delete(id);
          resolve(event.reports);
        }
        break;
      }
    }
    this.#onChange();
  }
}
