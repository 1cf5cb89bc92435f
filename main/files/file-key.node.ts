import { randomBytes } from 'node:crypto';
import type Database from '@signalapp/sqlcipher';
import type { StoreClient } from '../store/client.ts';

/** The `secrets` row holding the blob store's file key. */
export const FILE_KEY_SECRET = 'files.key';

/**
 * Store query: the file key, created from `candidate` on first use. Insert-if-absent in one
 * transaction, so two callers racing on a new store agree on one key.
 */
export function ensureFileKey(db: Database, candidate: Uint8Array): Uint8Array {
  db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run([FILE_KEY_SECRET, new Uint8Array(candidate), Date.now()]);
  const value = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([FILE_KEY_SECRET]);
  if (!(value instanceof Uint8Array) || value.byteLength !== 32) throw new Error('The file key is damaged.');
  return new Uint8Array(value);
}

const loaded = new WeakMap<StoreClient, Promise<Buffer>>();

/**
 * The random 32-byte key of the encrypted file store, generated once and kept in the store's
 * `secrets` table. It is deliberately not derived from the database key: rekeying the database
 * (main/keys/rotation.ts) re-encrypts the database, and the files must stay readable without
 * being rewritten.
 */
export function loadFileKey(store: StoreClient): Promise<Buffer> {
  let key = loaded.get(store);
  if (!key) {
    key = store.methods.imaging.ensureFileKey(randomBytes(32)).then((value) => Buffer.from(value));
    key.catch(() => loaded.delete(store));
    loaded.set(store, key);
  }
  return key;
}
