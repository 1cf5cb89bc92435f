import type Database from '@signalapp/sqlcipher';

/**
 * A write transaction that takes the write lock at BEGIN. The store worker and
 * the sync worker share the database: a deferred transaction that read first
 * could not upgrade to a write once the other connection had committed in
 * between (SQLITE_BUSY_SNAPSHOT, which no busy timeout cures), while a waiting
 * BEGIN IMMEDIATE simply queues behind it (busy_timeout).
 */
export function writeTransaction<T>(db: Database, run: () => T): T {
  return transaction(db, 'BEGIN IMMEDIATE', run);
}

/** `run` between `begin` and COMMIT, rolled back if it throws. */
export function transaction<T>(db: Database, begin: 'BEGIN' | 'BEGIN IMMEDIATE', run: () => T): T {
  db.exec(begin);
  try {
    const result = run();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (e.g. after SQLITE_FULL); the first error is the one to report.
    }
    throw error;
  }
}
