import type { Migration } from './migration.ts';

/**
 * Per-workstation record numbers. A workstation that syncs with others gets a station number (1–99) and numbers
 * its patients in its own block: prefix + two station digits + its own counter, so two offline desks never issue
 * the same MRN. A single workstation has none and keeps the plain format. `station_next` is the block's counter;
 * `mrn_stations_issued` remembers the stations this workstation handed to others it enrolled.
 */
export default {
  version: 13,
  name: 'record-numbers',
  up(db) {
    db.exec(`
      ALTER TABLE mrn_counter ADD COLUMN station INTEGER CHECK (station BETWEEN 1 AND 99);
      ALTER TABLE mrn_counter ADD COLUMN station_next INTEGER NOT NULL DEFAULT 1 CHECK (station_next >= 1);
      CREATE TABLE mrn_stations_issued (
        station INTEGER PRIMARY KEY CHECK (station BETWEEN 1 AND 99),
        issued_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
} satisfies Migration;
