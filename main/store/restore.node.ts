import type Database from '@signalapp/sqlcipher';
import { existsSync } from 'node:fs';
import { openEncrypted, rekey } from './connection.node.ts';
import { StoreError } from './errors.ts';
import { fsyncDir, moveDatabase, removeDatabase } from './files.node.ts';
import { schemaVersion } from './migrate.node.ts';
import { SCHEMA_VERSION } from './migrations/index.ts';
import { fromSqliteError } from './sqlite-errors.ts';

/** The current database while a restore swaps files; it stays as the undo copy afterwards. */
function previousPath(dbPath: string): string {
  return `${dbPath}.bak`;
}

/**
 * Opens a candidate in its own connection and checks it can replace the
 * current database: it decrypts with `key`, passes integrity_check, and its
 * schema is not newer than the app. A candidate under a retired key is
 * re-encrypted under `currentKey`.
 */
export function verifyCandidate(path: string, key: Uint8Array, currentKey: Uint8Array): void {
  let db: Database;
  try {
    db = openEncrypted(path, key);
  } catch (error) {
    const code = error instanceof StoreError ? error.code : null;
    throw new StoreError(code === 'WRONG_KEY' ? 'BACKUP_FOREIGN' : 'BACKUP_CORRUPT', {}, { cause: error });
  }
  try {
    const result = db.pragma('integrity_check');
    if (result.length !== 1 || result[0]?.integrity_check !== 'ok') throw new StoreError('BACKUP_CORRUPT', { problems: result.length });
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw new StoreError('BACKUP_TOO_NEW', { schemaVersion: version, supported: SCHEMA_VERSION });
    if (!Buffer.from(key).equals(Buffer.from(currentKey))) rekey(db, currentKey);
  } catch (error) {
    // Damaged pages surface as SQLite errors (an HMAC mismatch reads as "not a database").
    throw error instanceof StoreError ? error : new StoreError('BACKUP_CORRUPT', { sqlite: fromSqliteError(error).details.sqlite ?? 'none' }, { cause: error });
  } finally {
    db.close();
  }
}

/**
 * Puts a verified candidate in place of the closed current database, keeping
 * the current one as `.bak`. Each step is a rename, so a crash leaves either
 * the current database in place or `.bak` for `recoverInterruptedSwap`; a
 * failure puts the current database back before it is reported.
 */
export function swapIn(dbPath: string, candidatePath: string): void {
  // The undo copy of an earlier restore goes first, so `.bak` can only ever be the current database.
  removeDatabase(previousPath(dbPath));
  try {
    moveDatabase(dbPath, previousPath(dbPath));
    fsyncDir(dbPath);
    moveDatabase(candidatePath, dbPath);
    fsyncDir(dbPath);
  } catch (error) {
    undoSwap(dbPath);
    throw error;
  }
}

/** Puts the current database back from `.bak`; a no-op if it was never moved. */
export function undoSwap(dbPath: string): void {
  if (!existsSync(previousPath(dbPath))) return;
  moveDatabase(previousPath(dbPath), dbPath);
  fsyncDir(dbPath);
}

/** A crash between the two renames of `swapIn` left no database but its `.bak`: put it back. */
export function recoverInterruptedSwap(dbPath: string): void {
  if (!existsSync(dbPath) && existsSync(previousPath(dbPath))) {
    moveDatabase(previousPath(dbPath), dbPath);
    fsyncDir(dbPath);
  }
}
