import type Database from '@signalapp/sqlcipher';
import type { Credential, KeyringAccount } from '../keys/keyring.ts';

/**
 * The credential table and the revision counter that replicated accounts
 * share with the sync worker's user adapter (main/sync/entities/user.node.ts).
 */

export function credentialOf(db: Database, userId: string): Credential | null {
  const text = db.prepare('SELECT credential FROM user_credentials WHERE user_id = ?', { pluck: true }).get([userId]) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as Credential);
}

/** Writes the credential, dated by the wall time of its change's clock (`credentialAt`); whether it changed. */
export function writeCredential(db: Database, userId: string, credential: Credential, at: number): boolean {
  const text = JSON.stringify(credential);
  const current = db.prepare('SELECT credential FROM user_credentials WHERE user_id = ?', { pluck: true }).get([userId]) as string | undefined;
  if (current === text) return false;
  db.prepare('INSERT INTO user_credentials (user_id, credential, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET credential = excluded.credential, updated_at = excluded.updated_at').run([
    userId,
    text,
    at,
  ]);
  return true;
}

/** Every account as the keyring needs it (keys/keyring.ts `reconcile`). */
export function keyringAccounts(db: Database): KeyringAccount[] {
  return db
    .prepare('SELECT u.id, u.username, u.disabled, c.credential, c.updated_at FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id ORDER BY u.id')
    .all<{ id: string; username: string; disabled: number; credential: string | null; updated_at: number | null }>()
    .map((row) => ({
      userId: row.id,
      username: row.username,
      active: row.disabled === 0,
      credential: row.credential === null ? null : (JSON.parse(row.credential) as Credential),
      credentialAt: row.updated_at ?? 0,
    }));
}

export function accountRevision(db: Database): number {
  return db.prepare('SELECT revision FROM account_revision WHERE id = 1', { pluck: true }).get() as number;
}

/** Replication changed an account: main brings the keyring in line and ends sessions the change revokes. */
export function bumpAccountRevision(db: Database): void {
  db.prepare('UPDATE account_revision SET revision = revision + 1 WHERE id = 1').run();
}
