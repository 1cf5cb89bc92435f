import type { Migration } from './migration.ts';

/** Sync targets, cursors, field clocks and upload checkpoints (main/sync). */
export default {
  version: 8,
  name: 'sync',
  up(db) {
    db.exec(`SELECT 1`);
  },
} satisfies Migration;
