import type { Migration } from './migration.ts';

/** Saved cohorts, CDS Hooks services and their queued requests and cards (main/analytics). */
export default {
  version: 9,
  name: 'analytics',
  up(db) {
    db.exec(`SELECT 1`);
  },
} satisfies Migration;
