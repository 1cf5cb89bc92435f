import type { Migration } from './migration.ts';

/**
 * Encounters, vitals, problems, allergies, medications and encrypted documents (main/chart).
 * Rows replicate, so nothing is deleted: a mistaken entry keeps its row with an `error_reason`
 * (entered in error). Authors and providers are copied (user id and name), not referenced:
 * imported and replicated charts name people this workstation has no account for.
 */
export default {
  version: 6,
  name: 'chart',
  up(db) {
    db.exec(`
      CREATE TABLE encounters (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        at INTEGER NOT NULL,
        provider_resource_id TEXT,
        provider_user_id TEXT,
        provider_name TEXT NOT NULL,
        appointment_id TEXT,
        chief_complaint TEXT NOT NULL,
        subjective TEXT NOT NULL,
        objective TEXT NOT NULL,
        assessment TEXT NOT NULL,
        plan TEXT NOT NULL,
        orders TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
        author_user_id TEXT,
        author_name TEXT NOT NULL,
        signed_at INTEGER,
        signed_by_user_id TEXT,
        signed_by_name TEXT,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((status = 'signed') = (signed_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX encounters_by_patient ON encounters (patient_id, at);

      -- One row per diagnosis so statistics and quality checks group by code through an index.
      CREATE TABLE encounter_diagnoses (
        encounter_id TEXT NOT NULL REFERENCES encounters (id),
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (encounter_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX encounter_diagnoses_by_code ON encounter_diagnoses (code);

      CREATE TABLE encounter_addenda (
        id TEXT PRIMARY KEY,
        encounter_id TEXT NOT NULL REFERENCES encounters (id),
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        author_user_id TEXT,
        author_name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX encounter_addenda_by_encounter ON encounter_addenda (encounter_id, at);

      CREATE TABLE vital_signs (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        at INTEGER NOT NULL,
        encounter_id TEXT,
        systolic REAL,
        diastolic REAL,
        heart_rate REAL,
        temperature REAL,
        spo2 REAL,
        respiratory_rate REAL,
        height REAL,
        weight REAL,
        bmi REAL,
        recorded_by_user_id TEXT,
        recorded_by_name TEXT NOT NULL,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX vital_signs_by_patient ON vital_signs (patient_id, at);

      CREATE TABLE problems (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        onset TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'resolved')),
        resolved_on TEXT,
        note TEXT NOT NULL,
        recorded_by_user_id TEXT,
        recorded_by_name TEXT NOT NULL,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX problems_by_patient ON problems (patient_id);
      CREATE INDEX problems_by_code ON problems (code);

      CREATE TABLE allergies (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        substance TEXT NOT NULL,
        reaction TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'unknown')),
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'resolved')),
        onset TEXT,
        note TEXT NOT NULL,
        recorded_by_user_id TEXT,
        recorded_by_name TEXT NOT NULL,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX allergies_by_patient ON allergies (patient_id);

      CREATE TABLE medications (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        name TEXT NOT NULL,
        dose TEXT NOT NULL,
        route TEXT NOT NULL,
        frequency TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'on-hold', 'completed', 'stopped')),
        note TEXT NOT NULL,
        recorded_by_user_id TEXT,
        recorded_by_name TEXT NOT NULL,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX medications_by_patient ON medications (patient_id);

      -- The bytes live encrypted in the blob store (main/files), addressed by blob_hash.
      CREATE TABLE chart_documents (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        doc_date TEXT NOT NULL,
        encounter_id TEXT,
        media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size INTEGER NOT NULL,
        blob_hash TEXT NOT NULL,
        recorded_by_user_id TEXT,
        recorded_by_name TEXT NOT NULL,
        error_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX chart_documents_by_patient ON chart_documents (patient_id);
    `);
  },
} satisfies Migration;
