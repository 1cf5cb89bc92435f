import type { Migration } from './migration.ts';

/** The minimal patient register; the patients capability extends it with further migrations. */
export default {
  version: 2,
  name: 'patients',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id TEXT PRIMARY KEY,
        mrn TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_name TEXT NOT NULL,
        full_name TEXT NOT NULL,
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- Prefix lookup: full_name >= ? AND full_name < ? || char(0x10FFFF).
      CREATE INDEX patients_by_full_name ON patients (full_name);
    `);
  },
} satisfies Migration;
