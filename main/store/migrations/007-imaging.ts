import type { Migration } from './migration.ts';

/** DICOM studies, series, instances, reconciliation and reports (main/imaging). */
export default {
  version: 7,
  name: 'imaging',
  up(db) {
    db.exec(`
      -- Patients as found in the files, one row per distinct (ID, issuer, name, birth date, sex);
      -- decoded demographics live only here, inside the encrypted store.
      CREATE TABLE imaging_patients (
        id TEXT PRIMARY KEY,
        match_key TEXT NOT NULL UNIQUE,
        patient_id TEXT NOT NULL DEFAULT '',
        issuer TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        birth_date TEXT,
        sex TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        -- Other Patient IDs (e.g. a resident ID card number), JSON array of strings.
        other_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_ids)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE imaging_studies (
        id TEXT PRIMARY KEY,
        study_uid TEXT NOT NULL UNIQUE,
        imaging_patient_id TEXT NOT NULL REFERENCES imaging_patients (id),
        -- The chart it is linked to (null: waiting in the reconciliation list) and why.
        patient_id TEXT REFERENCES patients (id),
        link_reason TEXT CHECK (link_reason IN ('mrn', 'national-id', 'manual', 'created')),
        linked_at INTEGER,
        linked_by TEXT,
        -- Demographics that differed from the chart when linked (JSON array of field names), shown, never applied.
        mismatches TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mismatches)),
        study_date TEXT,
        study_time TEXT,
        accession TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        referring TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        CHECK ((patient_id IS NULL) = (link_reason IS NULL))
      ) STRICT;
      CREATE INDEX imaging_studies_by_patient ON imaging_studies (patient_id, study_date);
      CREATE INDEX imaging_studies_unlinked ON imaging_studies (created_at) WHERE patient_id IS NULL AND deleted_at IS NULL;

      CREATE TABLE imaging_series (
        id TEXT PRIMARY KEY,
        study_id TEXT NOT NULL REFERENCES imaging_studies (id),
        series_uid TEXT NOT NULL UNIQUE,
        modality TEXT NOT NULL DEFAULT '',
        series_number INTEGER,
        description TEXT NOT NULL DEFAULT '',
        body_part TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX imaging_series_by_study ON imaging_series (study_id);

      CREATE TABLE imaging_instances (
        id TEXT PRIMARY KEY,
        series_id TEXT NOT NULL REFERENCES imaging_series (id),
        sop_instance_uid TEXT NOT NULL UNIQUE,
        sop_class_uid TEXT NOT NULL,
        -- The encrypted file in the blob store (main/files/blob-store.node.ts).
        blob_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        transfer_syntax TEXT NOT NULL,
        frames INTEGER NOT NULL DEFAULT 1,
        rows INTEGER NOT NULL DEFAULT 0,
        columns INTEGER NOT NULL DEFAULT 0,
        instance_number INTEGER,
        -- Image Position (Patient) projected on the slice normal, for ordering a volume.
        slice_position REAL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX imaging_instances_by_series ON imaging_instances (series_id);
      CREATE INDEX imaging_instances_by_blob ON imaging_instances (blob_hash);

      -- Blobs written by an import that is not indexed yet; a crash leaves them here to be swept.
      CREATE TABLE imaging_blob_claims (
        hash TEXT PRIMARY KEY,
        claimed_at INTEGER NOT NULL
      ) STRICT;

      -- One report per study; signed reports are read-only and grow by addenda.
      CREATE TABLE imaging_reports (
        id TEXT PRIMARY KEY,
        study_id TEXT NOT NULL UNIQUE REFERENCES imaging_studies (id),
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
        CHECK ((status = 'signed') = (signed_at IS NOT NULL))
      ) STRICT;

      CREATE TABLE imaging_report_addenda (
        id TEXT PRIMARY KEY,
        report_id TEXT NOT NULL REFERENCES imaging_reports (id),
        text TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX imaging_report_addenda_by_report ON imaging_report_addenda (report_id, created_at);

      -- Measurements (image coordinates) and key images, per study, as JSON validated by the contract.
      CREATE TABLE imaging_annotations (
        study_id TEXT PRIMARY KEY REFERENCES imaging_studies (id),
        annotations TEXT NOT NULL CHECK (json_valid(annotations)),
        key_images TEXT NOT NULL CHECK (json_valid(key_images)),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      -- DICOMweb servers; credentials are in the secrets table under 'imaging.pacs.<id>'.
      CREATE TABLE imaging_pacs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        base_url TEXT NOT NULL,
        auth TEXT NOT NULL CHECK (auth IN ('none', 'basic', 'bearer')),
        username TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
} satisfies Migration;
