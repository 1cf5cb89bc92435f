import type { Migration } from './migration.ts';

/** Encounters, vitals, problems, allergies, medications and encrypted documents (main/chart). */
export default {
  version: 6,
  name: 'chart',
  up(db) {
    db.exec(`SELECT 1`);
  },
} satisfies Migration;
