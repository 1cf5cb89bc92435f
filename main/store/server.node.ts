/**
 * The store worker (Signal Desktop's `ts/sql/Server` shape): owns the only
 * connection and runs each request synchronously, in arrival order, off the
 * main thread. Built as the `store-worker` entry; see worker-entry.ts.
 */
import { setLogger } from '@signalapp/sqlcipher';
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { describeError } from '../platform/logger.ts';
import { StoreDatabase } from './database.node.ts';
import { StoreError, toWireError } from './errors.ts';
import { OP_NAMES, type StoreRequest, type WorkerMessage } from './protocol.ts';
import { fromSqliteError } from './sqlite-errors.ts';

const port = parentPort;
if (!port) throw new Error('server.node.ts runs only as a worker');

const post = (message: WorkerMessage) => port.postMessage(message);

// SQLite's log lines quote SQL text, so only the code is forwarded. Constraint
// failures and statement re-preparation are routine and reach the caller anyway.
const ROUTINE = /^SQLITE_(CONSTRAINT|SCHEMA)/;
setLogger((code) => {
  if (!ROUTINE.test(code)) post({ log: 'warn', event: 'sqlite-log', fields: { code } });
});

const store = new StoreDatabase();
const ops: readonly string[] = OP_NAMES;

port.on('message', (request: StoreRequest) => {
  try {
    if (!ops.includes(request.op)) throw new StoreError('UNKNOWN_METHOD');
    const value = (store[request.op] as (...args: unknown[]) => unknown).apply(store, request.args);
    post({ id: request.id, ok: true, value });
  } catch (error) {
    const storeError = fromSqliteError(error);
    if (storeError.code === 'INTERNAL') {
      const ref = randomUUID().slice(0, 8);
      post({ log: 'error', event: 'store-op-failed', fields: { op: request.op, ref, ...storeError.details, ...describeError(storeError.cause ?? storeError) } });
      post({ id: request.id, ok: false, error: toWireError(new StoreError('INTERNAL', { ...storeError.details, ref })) });
    } else {
      post({ id: request.id, ok: false, error: toWireError(storeError) });
    }
  }
});
