import Database from '@signalapp/sqlcipher';
import { KEY_BYTES } from '../keys/crypto.ts';
import { StoreError } from './errors.ts';
import { fromSqliteError, sqliteCode } from './sqlite-errors.ts';

export interface Tuning {
  /** Page cache per connection. 128 MiB holds the patient and search indexes and recent charts of a busy clinic: encrypted pages cost a decryption on every cache miss. */
  cacheSizeKiB: number;
}
export const DEFAULT_TUNING: Tuning = { cacheSizeKiB: 128 * 1024 };

/**
 * Opens a SQLCipher database with a raw 256-bit key: `x'…'` skips SQLCipher's
 * own PBKDF2, because the key is already random (the password KDF runs once, in
 * the keyring). A key that does not decrypt page 1 fails with WRONG_KEY.
 */
export function openEncrypted(path: string, key: Uint8Array, tuning: Tuning = DEFAULT_TUNING): Database {
  if (key.length !== KEY_BYTES) throw new StoreError('INTERNAL', { reason: 'key length' });
  return openWith(path, tuning, (db) => {
    // Before the key: a wrong key makes SQLCipher print HMAC failures to stderr otherwise.
    db.pragma('cipher_log_level = NONE');
    db.exec(`PRAGMA key = "x'${Buffer.from(key).toString('hex')}'"`);
  });
}

/** The same library and pragmas without encryption: only the benchmark's baseline uses this. */
export function openPlain(path: string, tuning: Tuning = DEFAULT_TUNING): Database {
  return openWith(path, tuning, () => {});
}

/** Opens, keys (or not), checks page 1 is readable and applies the pragmas; closes again on any failure. */
function openWith(path: string, tuning: Tuning, unlock: (db: Database) => void): Database {
  const db = new Database(path, { cacheStatements: true });
  try {
    unlock(db);
    probe(db);
    applyPragmas(db, tuning);
    return db;
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : fromSqliteError(error);
  }
}

export function rekey(db: Database, key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new StoreError('INTERNAL', { reason: 'key length' });
  db.exec(`PRAGMA rekey = "x'${Buffer.from(key).toString('hex')}'"`);
}

/** SQLCipher only decrypts on first read, so a wrong key shows up here rather than at `PRAGMA key`. */
function probe(db: Database): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema', { pluck: true }).get();
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_NOTADB') throw new StoreError('WRONG_KEY', {}, { cause: error });
    throw error;
  }
}

function applyPragmas(db: Database, tuning: Tuning): void {
  db.exec(`
    PRAGMA journal_mode = WAL;
    -- FULL: a commit survives power loss, not only a crash of the app.
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA cache_size = ${-Math.max(2048, Math.trunc(tuning.cacheSizeKiB))};
    -- Sort and temp b-trees never reach the disk, encrypted or not.
    PRAGMA temp_store = MEMORY;
    -- Deleted rows are zeroed when that costs no extra I/O, so they do not linger in free pages.
    PRAGMA secure_delete = FAST;
    PRAGMA busy_timeout = 5000;
    -- Bounds the WAL file after a large import.
    PRAGMA journal_size_limit = ${64 * 1024 * 1024};
  `);
}
