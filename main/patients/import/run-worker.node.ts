import { Worker } from 'node:worker_threads';
import type { CsvTask, CsvTaskResult } from './tasks.ts';

/**
 * The worker's code: its TypeScript source beside this file when Node runs the
 * sources (tests, CLI), or the `csv-worker` chunk the build writes flat beside
 * the bundled main chunks.
 */
const CSV_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './worker.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './csv-worker.js', import.meta.url);

/** Runs one task in a fresh worker, which ends with it: an import is rare, and a worker per file holds nothing afterwards. */
export function runCsvTask(task: CsvTask): Promise<CsvTaskResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CSV_WORKER_URL, { workerData: task });
    worker.once('message', (result: CsvTaskResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The CSV worker stopped (exit ${code}).`)));
  });
}
