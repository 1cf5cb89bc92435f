/**
 * A few decode workers fed from one queue in the UI thread, so an image the user is waiting for overtakes
 * prefetching: 'interactive' jobs always go before 'prefetch' jobs, and a queued prefetch asked for
 * interactively is promoted. Each worker holds several jobs at once (its fetches overlap its decoding).
 * Prefetches in flight are capped one below the browser's six connections per origin, so the image on screen
 * never queues behind them; prefetches no longer wanted (the user scrolled away) are dropped before they start.
 */
import type { DecodeRequest, DecodeResponse } from './decode/messages.ts';

export type Priority = 'interactive' | 'prefetch';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const JOBS_PER_WORKER = 4;
const PREFETCH_IN_FLIGHT = 5;

interface Job {
  readonly request: DecodeRequest;
  readonly transfer: Transferable[];
  /** What the job is for (an instance id): the handle for promotion and dropping. */
  readonly key: string;
  priority: Priority;
  readonly resolve: (response: DecodeResponse) => void;
  readonly reject: (error: Error) => void;
}

export class PrefetchDroppedError extends Error {
  override readonly name = 'PrefetchDroppedError';
}

export interface WorkerPool {
  run(request: WithoutId<DecodeRequest>, transfer: Transferable[], priority: Priority, key: string): Promise<DecodeResponse>;
  /** Moves queued prefetch jobs for `key` ahead, as interactive. */
  promote(key: string): void;
  /** Drops queued (not started) prefetch jobs whose key is not in `keep`. */
  retain(keep: ReadonlySet<string>): void;
  /** Jobs waiting (not yet in a worker). */
  pending(): number;
  terminate(): void;
}

// At least two, so one slow frame (a large JPEG 2000) does not hold up the next; at most four.
export function createWorkerPool(size = Math.max(2, Math.min(4, (navigator.hardwareConcurrency || 2) - 1))): WorkerPool {
  const queues: Record<Priority, Job[]> = { interactive: [], prefetch: [] };
  const workers = new Map<Worker, Map<number, Job>>();
  let prefetching = 0;
  let nextId = 1;

  const settle = (job: Job) => {
    if (job.priority === 'prefetch') prefetching--;
  };

  const spawn = () => {
    const worker = new Worker(new URL('./decode/decode.worker.ts', import.meta.url), { type: 'module' });
    const jobs = new Map<number, Job>();
    workers.set(worker, jobs);
    worker.onmessage = (event: MessageEvent<DecodeResponse>) => {
      const job = jobs.get(event.data.id);
      if (!job) return;
      jobs.delete(event.data.id);
      settle(job);
      job.resolve(event.data);
      pump();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const job of jobs.values()) {
        settle(job);
        job.reject(new Error('The decode worker failed.'));
      }
      workers.delete(worker);
      worker.terminate();
      spawn();
      pump();
    };
  };

  const leastBusy = (): [Worker, Map<number, Job>] | undefined => {
    let best: [Worker, Map<number, Job>] | undefined;
    for (const entry of workers) if (!best || entry[1].size < best[1].size) best = entry;
    return best && best[1].size < JOBS_PER_WORKER ? best : undefined;
  };

  const dispatch = (job: Job, [worker, jobs]: [Worker, Map<number, Job>]) => {
    if (job.priority === 'prefetch') prefetching++;
    jobs.set(job.request.id, job);
    worker.postMessage(job.request.kind === 'open' ? { ...job.request, urgent: job.priority === 'interactive' } : job.request, job.transfer);
  };

  const pump = () => {
    for (let slot = leastBusy(); slot && queues.interactive.length > 0; slot = leastBusy()) dispatch(queues.interactive.shift()!, slot);
    for (let slot = leastBusy(); slot && queues.prefetch.length > 0 && prefetching < PREFETCH_IN_FLIGHT; slot = leastBusy()) dispatch(queues.prefetch.shift()!, slot);
  };

  for (let i = 0; i < size; i++) spawn();

  return {
    run(request, transfer, priority, key) {
      return new Promise((resolve, reject) => {
        queues[priority].push({ request: { ...request, id: nextId++ } as DecodeRequest, transfer, key, priority, resolve, reject });
        pump();
      });
    },
    promote(key) {
      const promoted = queues.prefetch.filter((job) => job.key === key);
      if (promoted.length === 0) return;
      queues.prefetch = queues.prefetch.filter((job) => job.key !== key);
      for (const job of promoted) job.priority = 'interactive';
      queues.interactive.unshift(...promoted);
      pump();
    },
    retain(keep) {
      const dropped = queues.prefetch.filter((job) => !keep.has(job.key));
      queues.prefetch = queues.prefetch.filter((job) => keep.has(job.key));
      for (const job of dropped) job.reject(new PrefetchDroppedError('No longer needed.'));
    },
    pending: () => queues.interactive.length + queues.prefetch.length,
    terminate() {
      const running = [...workers.values()].flatMap((jobs) => [...jobs.values()]);
      for (const worker of workers.keys()) worker.terminate();
      for (const job of [...queues.interactive, ...queues.prefetch, ...running]) job.reject(new Error('The viewer closed.'));
      queues.interactive = [];
      queues.prefetch = [];
      workers.clear();
      prefetching = 0;
    },
  };
}
