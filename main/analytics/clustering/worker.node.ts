/**
 * The clustering worker thread: runs one job off main's event loop, posts
 * progress after each k-means iteration and stops when main raises the
 * shared cancel flag. Built as the `clustering-worker` entry (worker-entry.ts).
 */
import { parentPort } from 'node:worker_threads';
import { runClusterJob } from './job.ts';
import { KmeansCancelled } from './lloyd.ts';
import type { WorkerReply, WorkerStart } from './worker-protocol.ts';

const PROGRESS_INTERVAL_MS = 100;

parentPort?.once('message', ({ job, cancel }: WorkerStart) => {
  const port = parentPort!;
  const flag = new Int32Array(cancel);
  const post = (reply: WorkerReply) => port.postMessage(reply);
  let lastPost = 0;
  try {
    const outcome = runClusterJob(job, (progress) => {
      const now = performance.now();
      if (now - lastPost >= PROGRESS_INTERVAL_MS) {
        lastPost = now;
        post({ type: 'progress', progress });
      }
      return Atomics.load(flag, 0) === 0;
    });
    port.postMessage({ type: 'done', outcome } satisfies WorkerReply, [outcome.kept.buffer as ArrayBuffer, outcome.labels.buffer as ArrayBuffer]);
  } catch (error) {
    if (error instanceof KmeansCancelled) post({ type: 'cancelled' });
    // Messages here name sizes and parameters only, never data values.
    else post({ type: 'failed', message: error instanceof Error ? error.message : 'Clustering failed' });
  }
});
