import type { Migration } from './migration.ts';

/** DICOM studies, series, instances, reconciliation and reports (main/imaging). */
export default {
  version: 7,
  name: 'imaging',
  up(db) {
    db.exec(`SELECT 1`);
  },
} satisfies Migration;
