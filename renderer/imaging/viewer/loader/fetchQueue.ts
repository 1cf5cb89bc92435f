/**
 * Fetches of instance files with priorities: what the user waits for starts at once; prefetches run at most
 * four at a time (the browser allows six connections per origin, so a prefetch flood would otherwise queue
 * the image on screen behind forty others), and a prefetch asked for interactively is promoted.
 * Prefetches no longer wanted (the user scrolled away) can be dropped before they start.
 */
import type { Priority } from './workerPool.ts';

const PREFETCH_CONCURRENCY = 4;

export class PrefetchDroppedError extends Error {
  override readonly name = 'PrefetchDroppedError';
}

interface Pending {
  readonly instanceId: string;
  readonly promise: Promise<ArrayBuffer>;
  resolve: (buffer: ArrayBuffer) => void;
  reject: (error: Error) => void;
  started: boolean;
}

export interface FetchQueue {
  fetch(instanceId: string, priority: Priority): Promise<ArrayBuffer>;
  /** Drops queued (not started) prefetches whose instance is not in `keep`. */
  retain(keep: ReadonlySet<string>): void;
}

export function createFetchQueue(fetchInstance: (instanceId: string) => Promise<ArrayBuffer>): FetchQueue {
  const pending = new Map<string, Pending>();
  const waiting: Pending[] = [];
  let prefetching = 0;

  const start = (entry: Pending, counted: boolean) => {
    entry.started = true;
    if (counted) prefetching++;
    fetchInstance(entry.instanceId)
      .then(entry.resolve, entry.reject)
      .finally(() => {
        pending.delete(entry.instanceId);
        if (counted) prefetching--;
        pump();
      });
  };

  const pump = () => {
    while (prefetching < PREFETCH_CONCURRENCY) {
      const next = waiting.shift();
      if (!next) return;
      start(next, true);
    }
  };

  return {
    fetch(instanceId, priority) {
      const existing = pending.get(instanceId);
      if (existing) {
        if (priority === 'interactive' && !existing.started) {
          waiting.splice(waiting.indexOf(existing), 1);
          start(existing, false);
        }
        return existing.promise;
      }
      let resolve!: (buffer: ArrayBuffer) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<ArrayBuffer>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const entry: Pending = { instanceId, promise, resolve, reject, started: false };
      pending.set(instanceId, entry);
      if (priority === 'interactive') start(entry, false);
      else {
        waiting.push(entry);
        pump();
      }
      return promise;
    },
    retain(keep) {
      for (let i = waiting.length - 1; i >= 0; i--) {
        const entry = waiting[i]!;
        if (keep.has(entry.instanceId)) continue;
        waiting.splice(i, 1);
        pending.delete(entry.instanceId);
        entry.reject(new PrefetchDroppedError('No longer needed.'));
      }
    },
  };
}
