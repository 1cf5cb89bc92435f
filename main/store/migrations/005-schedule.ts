import type { Migration } from './migration.ts';

/** Providers, rooms and modalities, and the appointments that book them (main/schedule). */
export default {
  version: 5,
  name: 'schedule',
  up(db) {
    db.exec(`
      CREATE TABLE schedule_resources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('provider', 'room', 'modality')),
        name TEXT NOT NULL,
        user_id TEXT REFERENCES users (id),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (user_id IS NULL OR kind = 'provider')
      ) STRICT;
      CREATE UNIQUE INDEX schedule_resources_by_name ON schedule_resources (kind, name COLLATE NOCASE);
      CREATE UNIQUE INDEX schedule_resources_by_user ON schedule_resources (user_id) WHERE user_id IS NOT NULL;

      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'checked-out', 'cancelled', 'no-show')),
        cancel_reason TEXT,
        checked_in_at INTEGER,
        checked_out_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (ends_at > starts_at),
        CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX appointments_by_start ON appointments (starts_at);
      CREATE INDEX appointments_by_patient ON appointments (patient_id, starts_at);

      -- One provider and at most one room or modality per appointment. The times
      -- are copies of the appointment's, so the double-booking check is one range
      -- scan of the index below per resource.
      CREATE TABLE appointment_resources (
        appointment_id TEXT NOT NULL REFERENCES appointments (id),
        resource_id TEXT NOT NULL REFERENCES schedule_resources (id),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        PRIMARY KEY (appointment_id, resource_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX appointment_resources_by_slot ON appointment_resources (resource_id, starts_at, ends_at);
    `);
  },
} satisfies Migration;
