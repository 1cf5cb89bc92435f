import type Database from '@signalapp/sqlcipher';
import { randomKey } from '../keys/crypto.ts';

const SECRET = 'sync.clinic-key';

/** The clinic sync key: 32 random bytes, kept in the store's secrets (so under the database encryption), never in the cloud. */
export function clinicKey(db: Database): Buffer | null {
  const value = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([SECRET]);
  return value instanceof Uint8Array ? Buffer.from(value) : null;
}

/** The first workstation of a clinic creates the key; the others receive it by enrolment. */
export function ensureClinicKey(db: Database, now: number): Buffer {
  const existing = clinicKey(db);
  if (existing) return existing;
  const key = randomKey();
  storeClinicKey(db, key, now);
  return key;
}

export function storeClinicKey(db: Database, key: Uint8Array, now: number): void {
  db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run([
    SECRET,
    new Uint8Array(key),
    now,
  ]);
}
