import { Worker } from 'node:worker_threads';
import type { Logger } from '../platform/logger.ts';
import type { Tuning } from './connection.node.ts';
import { StoreError, fromWireError } from './errors.ts';
import type { BackupInfo, MethodArgs, MethodName, MethodResult, MethodsProxy, StoreInfo } from './interface.ts';
import type { OpName, StoreOps, StoreRequest, WorkerMessage } from './protocol.ts';
import { STORE_WORKER_URL } from './worker-entry.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: StoreError): void;
}

export interface StoreClientOptions {
  /** Receives the worker's diagnostics (codes and references, never data). */
  logger?: Logger;
}

/**
 * Main's handle on the store worker: every call is a message with a
 * correlation id, answered in order; failures arrive as StoreErrors with a code
 * and a fixed message. The worker keeps the process alive only while calls are
 * pending.
 */
export class StoreClient {
  /** `client.methods.patients.get(id)` — the same as `client.call('patients.get', id)`. */
  readonly methods: MethodsProxy;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #logger: Logger | undefined;
  #nextId = 1;
  #stopped: StoreError | null = null;

  constructor(options: StoreClientOptions = {}) {
    this.#logger = options.logger;
    this.#worker = new Worker(STORE_WORKER_URL);
    this.#worker.unref();
    this.#worker.on('message', (message: WorkerMessage) => this.#receive(message));
    this.#worker.on('error', (error) => {
      this.#logger?.error('store-worker-error', error);
      this.#stop();
    });
    this.#worker.on('exit', () => this.#stop());
    this.methods = methodsProxy((method, args) => this.#request('call', [method, args]));
  }

  /** Opens (and with `create`, creates) the encrypted database and brings its schema up to date. */
  open(options: { path: string; key: Uint8Array; create?: boolean; tuning?: Tuning }): Promise<StoreInfo> {
    return this.#request('open', [{ mode: 'encrypted', path: options.path, key: options.key, create: options.create ?? false, tuning: options.tuning }]);
  }

  /** The same store without encryption: only for the benchmark's baseline. */
  openPlain(options: { path: string; create?: boolean; tuning?: Tuning }): Promise<StoreInfo> {
    return this.#request('open', [{ mode: 'plain', path: options.path, create: options.create ?? false, tuning: options.tuning }]);
  }

  call<N extends MethodName>(method: N, ...args: MethodArgs<N>): Promise<MethodResult<N>> {
    return this.#request('call', [method, args]) as Promise<MethodResult<N>>;
  }

  /** Re-encrypts every page under a new key (`PRAGMA rekey`), atomically. */
  rekey(key: Uint8Array): Promise<void> {
    return this.#request('rekey', [key]);
  }

  /** Low level: writes an encrypted snapshot to a new file; backup.ts wraps it with a manifest. */
  snapshotInto(path: string): Promise<BackupInfo> {
    return this.#request('backup', [path]);
  }

  /** Low level: verifies a candidate database file and swaps it in; backup.ts prepares it. */
  swapInCandidate(candidatePath: string, candidateKey: Uint8Array | null = null): Promise<StoreInfo> {
    return this.#request('restore', [candidatePath, candidateKey]);
  }

  /** Folds the WAL into the database file and truncates it. */
  checkpoint(): Promise<void> {
    return this.#request('checkpoint', []);
  }

  /** Schema version and key fingerprint of the open database. */
  info(): Promise<StoreInfo> {
    return this.#request('info', []);
  }

  close(): Promise<void> {
    return this.#request('close', []);
  }

  /** Closes the database if open and stops the worker. */
  async terminate(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.close().catch((error: unknown) => {
        if (!(error instanceof StoreError && error.code === 'NOT_OPEN')) throw error;
      });
    } finally {
      await this.#worker.terminate();
    }
  }

  #request<O extends OpName>(op: O, args: Parameters<StoreOps[O]>): Promise<ReturnType<StoreOps[O]>> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      try {
        this.#worker.postMessage({ id, op, args } as StoreRequest);
      } catch (error) {
        // Arguments that cannot be cloned (functions, class instances) never reach the worker.
        this.#settled(id);
        reject(new StoreError('INTERNAL', { reason: 'arguments not cloneable' }, { cause: error }));
      }
    });
  }

  #receive(message: WorkerMessage): void {
    if ('log' in message) {
      if (message.log === 'error') this.#logger?.error(message.event, null, message.fields);
      else this.#logger?.warn(message.event, message.fields);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#settled(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(fromWireError(message.error));
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #stop(): void {
    this.#stopped ??= new StoreError('WORKER_EXITED');
    for (const [id, pending] of this.#pending) {
      this.#settled(id);
      pending.reject(this.#stopped);
    }
  }
}

function methodsProxy(call: (method: string, args: unknown[]) => Promise<unknown>): MethodsProxy {
  // `then` is excluded so that awaiting a proxy does not look like a method call.
  const moduleProxy = (module: string) =>
    new Proxy({}, { get: (_, query) => (typeof query === 'string' && query !== 'then' ? (...args: unknown[]) => call(`${module}.${query}`, args) : undefined) });
  return new Proxy({}, { get: (_, module) => (typeof module === 'string' && module !== 'then' ? moduleProxy(module) : undefined) }) as MethodsProxy;
}
