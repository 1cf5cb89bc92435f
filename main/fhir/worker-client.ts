import { Worker } from 'node:worker_threads';
import type { Bundle } from '@medplum/fhirtypes';
import type { PlanResult } from './bundle-to-plan.ts';
import type { SchemaIssue } from './schema.node.ts';
import { FHIR_WORKER_URL } from './worker-entry.ts';
import type { FhirWorkerRequest, FhirWorkerResponse } from './worker-protocol.ts';

/** The compiled schema holds about 300 MB; an idle worker gives it back. */
const IDLE_MS = 5 * 60_000;
/** A hostile file may make the parser allocate; the worker dies of it, not main. */
const HEAP_LIMIT_MB = 1536;

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Body = FhirWorkerRequest extends infer R ? (R extends FhirWorkerRequest ? Omit<R, 'id'> : never) : never;

/** Main's handle on the FHIR worker: started on first use, stopped when idle or closed. */
export class FhirWorker {
  #worker: Worker | null = null;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  #idle: NodeJS.Timeout | null = null;

  parseFile(path: string): Promise<PlanResult> {
    return this.#call({ op: 'parseFile', path }) as Promise<PlanResult>;
  }

  validate(bundle: Bundle): Promise<SchemaIssue[]> {
    return this.#call({ op: 'validate', bundle }) as Promise<SchemaIssue[]>;
  }

  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }

  #call(body: Body): Promise<unknown> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = (this.#worker ??= this.#start());
    const id = this.#next++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  }

  #start(): Worker {
    const worker = new Worker(FHIR_WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
    worker.on('message', (message: FhirWorkerResponse) => {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(`FHIR worker failed: ${message.error}`));
      if (this.#pending.size > 0) return;
      // Idle, it must not keep a CLI or test process alive.
      worker.unref();
      this.#idle = setTimeout(() => void this.close(), IDLE_MS).unref();
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', () => this.#fail(worker, new Error('FHIR worker stopped')));
    return worker;
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = null;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
