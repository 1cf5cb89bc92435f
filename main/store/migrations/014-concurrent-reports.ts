import type { Migration } from './migration.ts';

/**
 * Reports written for one study on two workstations while they were apart. Sync keeps one report per study (the
 * one with the smaller id, main/sync/entities/imaging-reports.node.ts); the others are kept here, read-only beside
 * it, with their addenda (JSON: [{id, text, author: {id, name}, createdAt}]), so that nothing a radiologist wrote
 * or signed is hidden.
 */
export default {
  version: 14,
  name: 'concurrent-reports',
  up(db) {
    db.exec(`
      CREATE TABLE imaging_concurrent_reports (
        id TEXT PRIMARY KEY,
        study_id TEXT NOT NULL REFERENCES imaging_studies (id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
        findings TEXT NOT NULL DEFAULT '',
        impression TEXT NOT NULL DEFAULT '',
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        signed_at INTEGER,
        signed_by TEXT,
        signed_by_name TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        addenda TEXT NOT NULL DEFAULT '[]',
        CHECK ((status = 'signed') = (signed_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX imaging_concurrent_reports_by_study ON imaging_concurrent_reports (study_id);
    `);
  },
} satisfies Migration;
