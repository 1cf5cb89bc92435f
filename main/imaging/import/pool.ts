import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DICOM_WORKER_URL } from './worker-entry.ts';
import type { DicomWorkerData, WorkerReply, WorkerTask } from './worker-protocol.ts';

/** A worker leased to one file at a time, so its parse → store/skip exchange is not interleaved. */
export interface DicomWorker {
  /** `transfer`: buffers moved to the worker instead of copied. */
  request(task: WorkerTask, transfer?: ArrayBuffer[]): Promise<WorkerReply>;
  send(task: WorkerTask): void;
}

class PooledWorker implements DicomWorker {
  readonly #data: DicomWorkerData;
  #worker: Worker | null = null;
  #pending: { id: number; resolve: (reply: WorkerReply) => void } | null = null;

  constructor(data: DicomWorkerData) {
    this.#data = data;
  }

  request(task: WorkerTask, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    return new Promise((resolve) => {
      const worker = this.#ensure();
      // Referenced only while it works: an idle pool never keeps the process (or the CLI) alive.
      worker.ref();
      this.#pending = {
        id: task.id,
        resolve: (reply) => {
          worker.unref();
          resolve(reply);
        },
      };
      worker.postMessage(task, transfer);
    });
  }

  send(task: WorkerTask): void {
    this.#ensure().postMessage(task);
  }

  async terminate(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    // A hostile file may exhaust a worker's heap; it dies alone and is replaced for the next file.
    const worker = new Worker(DICOM_WORKER_URL, { workerData: this.#data, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    worker.on('message', (reply: WorkerReply) => {
      if (this.#pending?.id === reply.id) {
        const { resolve } = this.#pending;
        this.#pending = null;
        resolve(reply);
      }
    });
    const fail = () => {
      if (this.#worker === worker) this.#worker = null;
      const pending = this.#pending;
      this.#pending = null;
      pending?.resolve({ type: 'failed', id: pending.id, reason: 'damaged' });
    };
    worker.unref();
    worker.on('error', fail);
    worker.on('exit', fail);
    this.#worker = worker;
    return worker;
  }
}

/** A few DICOM workers shared by every import job of the process. */
export class DicomWorkerPool {
  readonly #idle: PooledWorker[] = [];
  readonly #all: PooledWorker[] = [];
  readonly #waiting: Array<(worker: PooledWorker) => void> = [];

  constructor(data: DicomWorkerData, size = Math.max(1, Math.min(4, availableParallelism()))) {
    for (let i = 0; i < size; i++) {
      const worker = new PooledWorker(data);
      this.#all.push(worker);
      this.#idle.push(worker);
    }
  }

  get size(): number {
    return this.#all.length;
  }

  async use<T>(work: (worker: DicomWorker) => Promise<T>): Promise<T> {
    const worker = this.#idle.pop() ?? (await new Promise<PooledWorker>((resolve) => this.#waiting.push(resolve)));
    try {
      return await work(worker);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(worker);
      else this.#idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#all.map((worker) => worker.terminate()));
  }
}
