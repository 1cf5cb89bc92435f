import type { Migration } from './migration.ts';

/** Timestamps are epoch milliseconds (INTEGER), as everywhere in the contract. */
export default {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        clinic_name TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'frontdesk', 'physician', 'radiologist', 'nurse')),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Server credentials and similar; the database encryption is their protection at rest.
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Append-only and hash-chained (main/audit/chain.ts): user fields are copied,
      -- not referenced, so the trail outlives renamed or removed accounts.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_id TEXT,
        username TEXT,
        role TEXT,
        action TEXT NOT NULL,
        entity_type TEXT,
        entity_id TEXT,
        patient_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        break_glass INTEGER NOT NULL DEFAULT 0 CHECK (break_glass IN (0, 1)),
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_user ON audit (user_id, seq);
      CREATE INDEX audit_by_patient ON audit (patient_id, seq);
      CREATE INDEX audit_by_at ON audit (at);

      -- The chain head, written with each row, so deleting the newest rows is detectable.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      -- Only raw SQL outside the app can rewrite history, and then the chain shows it.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
    `);
  },
} satisfies Migration;
