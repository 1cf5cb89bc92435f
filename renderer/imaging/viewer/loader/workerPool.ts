/**
 * A few decode workers fed from one queue in the UI thread, so an image the user is waiting for overtakes
 * prefetching: 'interactive' jobs always go before 'prefetch' jobs.
 */
import type { DecodeRequest, DecodeResponse } from './decode/messages.ts';

export type Priority = 'interactive' | 'prefetch';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Job = {
  readonly request: DecodeRequest;
  readonly transfer: Transferable[];
  readonly resolve: (response: DecodeResponse) => void;
  readonly reject: (error: Error) => void;
};

export interface WorkerPool {
  run(request: WithoutId<DecodeRequest>, transfer: Transferable[], priority: Priority): Promise<DecodeResponse>;
  /** Jobs waiting (not yet in a worker). */
  pending(): number;
  terminate(): void;
}

// At least two, so one slow frame (a large JPEG 2000) does not hold up the next; at most four.
export function createWorkerPool(size = Math.max(2, Math.min(4, (navigator.hardwareConcurrency || 2) - 1))): WorkerPool {
  const queues: Record<Priority, Job[]> = { interactive: [], prefetch: [] };
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let nextId = 1;

  const spawn = () => {
    const worker = new Worker(new URL('./decode/decode.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<DecodeResponse>) => {
      busy.get(worker)?.resolve(event.data);
      busy.delete(worker);
      idle.push(worker);
      pump();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      busy.get(worker)?.reject(new Error('The decode worker failed.'));
      busy.delete(worker);
      worker.terminate();
      spawn();
      pump();
    };
    idle.push(worker);
  };

  const pump = () => {
    while (idle.length > 0) {
      const job = queues.interactive.shift() ?? queues.prefetch.shift();
      if (!job) return;
      const worker = idle.pop()!;
      busy.set(worker, job);
      worker.postMessage(job.request, job.transfer);
    }
  };

  for (let i = 0; i < size; i++) spawn();

  return {
    run(request, transfer, priority) {
      return new Promise((resolve, reject) => {
        queues[priority].push({ request: { ...request, id: nextId++ } as DecodeRequest, transfer, resolve, reject });
        pump();
      });
    },
    pending: () => queues.interactive.length + queues.prefetch.length,
    terminate() {
      for (const worker of [...idle, ...busy.keys()]) worker.terminate();
      for (const job of [...queues.interactive, ...queues.prefetch, ...busy.values()]) job.reject(new Error('The viewer closed.'));
      queues.interactive.length = 0;
      queues.prefetch.length = 0;
      idle.length = 0;
      busy.clear();
    },
  };
}
