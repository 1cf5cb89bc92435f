import type { Migration } from './migration.ts';

/**
 * Where another workstation's changes stopped applying, per target: its object `object` is missing from the bucket
 * while later ones are there (deleted, or expired by a lifecycle rule), cannot be opened (altered, or sealed with
 * another clinic key), or is of a later format (written by an updated workstation). Changes apply in order, so
 * nothing after it can be applied: the Sync screen and `cli sync-once` say so instead of the desk quietly falling
 * behind. A row is removed once that object applies.
 */
export default {
  version: 16,
  name: 'sync-pull-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE sync_pull_blocks (
        target_id TEXT NOT NULL REFERENCES sync_targets (id) ON DELETE CASCADE,
        workstation_id TEXT NOT NULL,
        object INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('missing', 'unreadable', 'newer')),
        since INTEGER NOT NULL,
        PRIMARY KEY (target_id, workstation_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
} satisfies Migration;
