import type { Migration } from './migration.ts';

/** Replicated files that may still have to come from the bucket (main/sync/blob-fetch-queue.node.ts). */
export default {
  version: 10,
  name: 'sync-content',
  up(db) {
    db.exec(`
      CREATE TABLE sync_blob_wanted (
        hash TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
    `);
  },
} satisfies Migration;
