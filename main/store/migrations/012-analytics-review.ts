import type { Migration } from './migration.ts';

/**
 * The review of CDS drafts: a physician applies a draft (it becomes a chart
 * entry, whose kind and id are kept) or discards it with a reason.
 */
export default {
  version: 12,
  name: 'analytics-review',
  up(db) {
    db.exec(`
      ALTER TABLE cds_drafts ADD COLUMN reviewed_by_user_id TEXT;
      ALTER TABLE cds_drafts ADD COLUMN reviewed_by_name TEXT;
      ALTER TABLE cds_drafts ADD COLUMN reviewed_at INTEGER;
      ALTER TABLE cds_drafts ADD COLUMN discard_reason TEXT;
      ALTER TABLE cds_drafts ADD COLUMN applied_entity TEXT CHECK (applied_entity IN ('problem', 'medication', 'allergy'));
      ALTER TABLE cds_drafts ADD COLUMN applied_entry_id TEXT;
    `);
  },
} satisfies Migration;
