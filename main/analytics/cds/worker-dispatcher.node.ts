import type Database from '@signalapp/sqlcipher';
import { BATCH, dispatchPending, type DispatchReport } from './dispatch.ts';
import { cdsQueueStore } from './queue-store.node.ts';
import { hasPendingCalls, nextDueAt } from './requests.node.ts';

/** Bounds of the worker's own wake-up for retries: not busier than this, and never asleep longer. */
const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 10 * 60_000;
/** Full batches in one run before yielding to the next timer tick. */
const MAX_BATCHES = 10;

export interface CdsRunOptions {
  /** Main's clock, when main asked (tests move it); the worker's own clock otherwise. */
  now?: number;
  /** Send waiting retries now too ("Sync now"); an open circuit still holds its server back. */
  force?: boolean;
}

/**
 * The CDS Hooks queue as the sync worker runs it: on its own store connection,
 * one run at a time, after each run a timer for the next retry or closing
 * circuit (so a call made offline goes out once the service answers again).
 * Main only queues calls and nudges the worker.
 */
export class CdsDispatcher {
  readonly #db: () => Database | null;
  readonly #fetch: typeof globalThis.fetch;
  #running: Promise<DispatchReport> = Promise.resolve({ sent: 0, succeeded: 0, failed: 0 });
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(db: () => Database | null, fetch: typeof globalThis.fetch = globalThis.fetch) {
    this.#db = db;
    this.#fetch = fetch;
  }

  /** One run after the current one; resolves with what it sent. */
  run(options: CdsRunOptions = {}): Promise<DispatchReport> {
    const start = () => this.#run(options);
    // A failed run (the store refused) must not stop the ones after it.
    const next = this.#running.then(start, start);
    this.#running = next;
    return next;
  }

  /** Resolves when no run is in progress (the worker closes its connection after). */
  idle(): Promise<void> {
    return this.#running.then(
      () => undefined,
      () => undefined,
    );
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Sets the wake-up for the next pending request (also at start: requests queued before a restart). */
  schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const db = this.#db();
    if (!db || this.#stopped) return;
    const at = nextDueAt(db);
    if (at === null) return;
    const wait = Math.min(Math.max(at - Date.now(), MIN_WAIT_MS), MAX_WAIT_MS);
    this.#timer = setTimeout(() => void this.run(), wait);
  }

  async #run(options: CdsRunOptions): Promise<DispatchReport> {
    const total: DispatchReport = { sent: 0, succeeded: 0, failed: 0 };
    const db = this.#db();
    // Most rounds find nothing queued: a plain read, no write lock.
    if (!db || this.#stopped || !hasPendingCalls(db)) return total;
    const store = cdsQueueStore(db);
    try {
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const now = options.now ?? Date.now();
        const report = await dispatchPending(store, this.#fetch, now, options.force ? Number.MAX_SAFE_INTEGER : now);
        total.sent += report.sent;
        total.succeeded += report.succeeded;
        total.failed += report.failed;
        // A forced run takes one batch: its failures are due again at once under `force`.
        if (report.sent < BATCH || options.force) break;
      }
    } finally {
      this.schedule();
    }
    return total;
  }
}
