import type { Migration } from './migration.ts';

/**
 * Replicated staff accounts (main/accounts, main/sync/entities/user.node.ts):
 * each account's credential — its user key's public half and the user key
 * sealed under scrypt(password), never the password or the key itself — so
 * every workstation's keyring can let the user in with the same password.
 */
export default {
  version: 11,
  name: 'account-replication',
  up(db) {
    db.exec(`
      CREATE TABLE user_credentials (
        user_id TEXT PRIMARY KEY REFERENCES users (id),
        -- {"publicKey": …, "kdf": {alg, N, r, p, salt}, "userKey": {iv, data, tag}} (main/keys/keyring.ts Credential).
        credential TEXT NOT NULL CHECK (json_valid(credential)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Moves whenever replication changed an account, so the sync worker can tell main to bring the keyring in line.
      CREATE TABLE account_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revision INTEGER NOT NULL
      ) STRICT;
      INSERT INTO account_revision (id, revision) VALUES (1, 0);
    `);
  },
} satisfies Migration;
