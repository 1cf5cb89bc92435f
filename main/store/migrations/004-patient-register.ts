import { nameKey } from '../../patients/names.ts';
import { namePinyin } from '../../patients/pinyin.ts';
import type { Migration } from './migration.ts';

type LegacyRow = { rowid: number; id: string; mrn: string; family_name: string; given_name: string; full_name: string; birth_date: string | null; sex: string | null; created_at: number; updated_at: number };

/**
 * The full patient register (issue 4). The table is rebuilt rather than
 * altered: SQLite cannot add NOT NULL to existing columns, and search needs a
 * stable integer key (`seq`, kept by VACUUM, unlike an implicit rowid) to
 * link each patient to its full-text row.
 */
export default {
  version: 4,
  name: 'patient-register',
  up(db) {
    db.exec(`
      CREATE TABLE patients_next (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        mrn TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        family_name TEXT,
        given_name TEXT,
        -- Search keys, derived from full_name on every write (main/patients/names.ts, pinyin.ts).
        name_key TEXT NOT NULL,
        pinyin TEXT,
        pinyin_initials TEXT,
        sex TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        birth_date TEXT NOT NULL,
        phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
        id_type TEXT CHECK (id_type IN ('cn-resident', 'passport', 'other')),
        -- Upper case, so "x" and "X" check digits are one identifier.
        id_value TEXT,
        address TEXT,
        insurance TEXT CHECK (insurance IS NULL OR json_valid(insurance)),
        emergency_contact TEXT CHECK (emergency_contact IS NULL OR json_valid(emergency_contact)),
        allergies TEXT NOT NULL DEFAULT 'unknown' CHECK (allergies IN ('unknown', 'none', 'has')),
        notes TEXT,
        -- A merged duplicate stays as a tombstone with all its data, pointing at the survivor.
        merged_into TEXT REFERENCES patients (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((id_type IS NULL) = (id_value IS NULL))
      ) STRICT;
    `);
    const insert = db.prepare(`INSERT INTO patients_next (seq, id, mrn, full_name, family_name, given_name, name_key, pinyin, pinyin_initials, sex, birth_date, created_at, updated_at)
      VALUES ($seq, $id, $mrn, $fullName, $familyName, $givenName, $nameKey, $pinyin, $initials, $sex, $birthDate, $createdAt, $updatedAt)`);
    for (const row of db.prepare('SELECT rowid, * FROM patients ORDER BY rowid').all<LegacyRow>()) {
      const pinyin = namePinyin(row.full_name);
      insert.run({
        seq: row.rowid,
        id: row.id,
        mrn: row.mrn,
        fullName: row.full_name,
        familyName: row.family_name,
        givenName: row.given_name,
        nameKey: nameKey(row.full_name),
        pinyin: pinyin?.pinyin ?? null,
        initials: pinyin?.initials ?? null,
        sex: row.sex ?? 'unknown',
        // No default: the 002 register was only written by the store's tests, which always set one.
        birthDate: row.birth_date,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
    }
    db.exec(`
      DROP TABLE patients;
      ALTER TABLE patients_next RENAME TO patients;

      -- Search as you type: exact and prefix lookups on B-tree indexes (any length, also 1–2 characters),
      -- substrings of 3+ characters in the trigram index.
      CREATE INDEX patients_by_name_key ON patients (name_key);
      CREATE INDEX patients_by_pinyin ON patients (replace(pinyin, ' ', ''));
      CREATE INDEX patients_by_initials ON patients (pinyin_initials);
      CREATE INDEX patients_by_birth_date ON patients (birth_date);
      -- One live record per identifier; merged tombstones keep theirs without blocking it.
      CREATE UNIQUE INDEX patients_by_identifier ON patients (id_value, id_type) WHERE id_value IS NOT NULL AND merged_into IS NULL;
      CREATE INDEX patients_merged ON patients (merged_into) WHERE merged_into IS NOT NULL;

      CREATE VIRTUAL TABLE patient_search USING fts5 (name, pinyin, initials, tokenize = 'trigram', columnsize = 0);
      INSERT INTO patient_search (rowid, name, pinyin, initials) SELECT seq, name_key, replace(pinyin, ' ', ''), pinyin_initials FROM patients;
      -- Kept in step inside every writing transaction, whichever query writes.
      CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN
        INSERT INTO patient_search (rowid, name, pinyin, initials) VALUES (new.seq, new.name_key, replace(new.pinyin, ' ', ''), new.pinyin_initials);
      END;
      CREATE TRIGGER patients_search_update AFTER UPDATE OF name_key, pinyin, pinyin_initials ON patients BEGIN
        UPDATE patient_search SET name = new.name_key, pinyin = replace(new.pinyin, ' ', ''), initials = new.pinyin_initials WHERE rowid = new.seq;
      END;
      CREATE TRIGGER patients_search_delete AFTER DELETE ON patients BEGIN
        DELETE FROM patient_search WHERE rowid = old.seq;
      END;

      -- Each phone as main/patients/phones.ts normalises it, for prefix search and duplicate checks.
      CREATE TABLE patient_phones (
        patient_id TEXT NOT NULL REFERENCES patients (id),
        phone_digits TEXT NOT NULL,
        PRIMARY KEY (patient_id, phone_digits)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_phones_by_digits ON patient_phones (phone_digits);

      -- "Recently seen": each user's last chart opens on this workstation (not replicated).
      CREATE TABLE patient_views (
        user_id TEXT NOT NULL,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        at INTEGER NOT NULL,
        PRIMARY KEY (user_id, patient_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_views_recent ON patient_views (user_id, at);

      -- Medical record numbers: prefix + zero-padded number. A clinic changes the format by updating this row.
      CREATE TABLE mrn_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        prefix TEXT NOT NULL CHECK (prefix GLOB '[A-Z]*' AND prefix NOT GLOB '*[^A-Z]*'),
        width INTEGER NOT NULL CHECK (width BETWEEN 4 AND 12),
        next INTEGER NOT NULL CHECK (next >= 1)
      ) STRICT;
      INSERT INTO mrn_counter (id, prefix, width, next) VALUES (1, 'MRN', 8, 1);
    `);
  },
} satisfies Migration;
