import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DICOM_WORKER_URL } from './worker-entry.ts';
import type { DicomWorkerData, WorkerReply, WorkerTask } from './worker-protocol.ts';

/** A worker slot leased to one file at a time: one import request per file, matched to its reply by task id. */
export interface DicomWorker {
  /** `transfer`: buffers moved to the worker instead of copied. */
  request(task: WorkerTask, transfer?: ArrayBuffer[]): Promise<WorkerReply>;
}

/**
 * Files leased to one worker at once. It works on one at a time (synchronously, worker.node.ts); the other
 * waits in its queue, so the worker starts it without a round trip to main. Few: each is read whole.
 */
const SLOTS_PER_WORKER = 2;

class PooledWorker implements DicomWorker {
  readonly #data: DicomWorkerData;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, (reply: WorkerReply) => void>();

  constructor(data: DicomWorkerData) {
    this.#data = data;
  }

  request(task: WorkerTask, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    return new Promise((resolve) => {
      const worker = this.#ensure();
      // Referenced only while it works: an idle pool never keeps the process (or the CLI) alive.
      worker.ref();
      this.#pending.set(task.id, (reply) => {
        if (this.#pending.size === 0) worker.unref();
        resolve(reply);
      });
      worker.postMessage(task, transfer);
    });
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
      const resolve = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      resolve?.(reply);
    });
    const fail = () => {
      if (this.#worker === worker) this.#worker = null;
      const pending = [...this.#pending];
      this.#pending.clear();
      for (const [id, resolve] of pending) resolve({ type: 'failed', id, reason: 'damaged' });
    };
    worker.unref();
    worker.on('error', fail);
    worker.on('exit', fail);
    this.#worker = worker;
    return worker;
  }
}

/**
 * A few DICOM workers shared by every import job of the process, one per core (up to four): their work —
 * parsing, naming, encrypting — is CPU-bound, the disk waits being main's (import-job.ts). More workers than
 * cores measured slower: they only compete for the cores and each collects its own garbage.
 */
export class DicomWorkerPool {
  readonly #idle: PooledWorker[] = [];
  readonly #all: PooledWorker[] = [];
  readonly #waiting: Array<(worker: PooledWorker) => void> = [];
  readonly #slots: number;

  constructor(data: DicomWorkerData, size = Math.max(1, Math.min(4, availableParallelism())), slotsPerWorker = SLOTS_PER_WORKER) {
    for (let i = 0; i < size; i++) this.#all.push(new PooledWorker(data));
    this.#slots = size * slotsPerWorker;
    // Interleaved, so leases spread over the workers before doubling up on one.
    for (let slot = 0; slot < slotsPerWorker; slot++) this.#idle.push(...this.#all);
    this.#idle.reverse();
  }

  get size(): number {
    return this.#all.length;
  }

  /** Files that can be in the workers at once. */
  get slots(): number {
    return this.#slots;
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
