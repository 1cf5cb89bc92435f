import { Worker } from 'node:worker_threads';
import type { ClusterJob, ClusterOutcome, JobProgress } from './job.ts';
import type { WorkerReply, WorkerStart } from './worker-protocol.ts';
import { CLUSTERING_WORKER_URL } from './worker-entry.ts';

export type ClusterRunResult = { status: 'done'; outcome: ClusterOutcome } | { status: 'cancelled' };

export interface ClusterRun {
  readonly result: Promise<ClusterRunResult>;
  /** Stops at the next iteration; the worker is terminated if it does not answer soon. */
  cancel(): void;
}

/** A stuck worker (a huge silhouette sample, say) is ended this long after a cancel. */
const CANCEL_GRACE_MS = 2_000;

/**
 * Runs a clustering job in its own worker thread. The job's columns are
 * transferred (the caller's arrays are detached afterwards) and the labels
 * come back transferred, so main's event loop never waits on the arithmetic.
 */
export function startClustering(job: ClusterJob, onProgress: (progress: JobProgress) => void = () => {}): ClusterRun {
  const worker = new Worker(CLUSTERING_WORKER_URL);
  const cancelFlag = new SharedArrayBuffer(4);
  let cancelled = false;
  let settle: (result: ClusterRunResult) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const result = new Promise<ClusterRunResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const finish = () => void worker.terminate();
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'progress') onProgress(reply.progress);
    else if (reply.type === 'done') settle({ status: 'done', outcome: reply.outcome });
    else if (reply.type === 'cancelled') settle({ status: 'cancelled' });
    else fail(new Error(reply.message));
    if (reply.type !== 'progress') finish();
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', () => (cancelled ? settle({ status: 'cancelled' }) : fail(new Error('The clustering worker stopped unexpectedly'))));
  // Handed over, not copied: cloning megabytes of columns would stall main for tens of milliseconds.
  const buffers = new Set(job.columns.map((column) => column.buffer as ArrayBuffer));
  worker.postMessage({ job, cancel: cancelFlag } satisfies WorkerStart, [...buffers]);
  return {
    result,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      setTimeout(finish, CANCEL_GRACE_MS).unref();
    },
  };
}
