import type { Migration } from './migration.ts';

/** The transactional outbox and hybrid logical clock that background sync replicates from. */
export default {
  version: 3,
  name: 'change-capture',
  up(db) {
    db.exec(`
      CREATE TABLE hlc_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last TEXT NOT NULL
      ) STRICT;

      -- One row per committed change of replicated data; the sync worker pushes
      -- rows past its cursor and never edits them.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        hlc TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'merge')),
        fields TEXT NOT NULL CHECK (json_valid(fields))
      ) STRICT;
    `);
  },
} satisfies Migration;
