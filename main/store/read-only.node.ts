import type Database from '@signalapp/sqlcipher';
import { transaction } from './write-transaction.node.ts';

const readOnlyMethods = new WeakSet<object>();

/**
 * Marks a store method that only reads. The store runs it in a read transaction instead of taking the write lock:
 * in WAL mode it reads the last committed state at once, where a write transaction would queue behind the sync
 * worker's (up to thousands of changes applied in one) — the media route asks for every image the viewer shows.
 */
export function readOnly<Method extends (db: Database, ...args: never[]) => unknown>(method: Method): Method {
  readOnlyMethods.add(method);
  return method;
}

export function isReadOnly(method: object): boolean {
  return readOnlyMethods.has(method);
}

/** One consistent snapshot for `run`, which may not write: SQLite refuses any write while `query_only` is on. */
export function readTransaction<T>(db: Database, run: () => T): T {
  db.exec('PRAGMA query_only = ON');
  try {
    return transaction(db, 'BEGIN', run);
  } finally {
    db.exec('PRAGMA query_only = OFF');
  }
}
