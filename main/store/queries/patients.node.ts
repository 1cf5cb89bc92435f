import type Database from '@signalapp/sqlcipher';
import type { QueryModule } from '../interface.ts';
import { uuidv7 } from '../ids.ts';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

export interface NewPatient {
  mrn: string;
  familyName: string;
  givenName: string;
  /** As displayed and searched; the caller orders family and given name by locale. */
  fullName: string;
  birthDate: string | null;
  sex: (typeof SEXES)[number] | null;
}

export interface Patient extends NewPatient {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export type PatientSummary = Pick<Patient, 'id' | 'mrn' | 'fullName' | 'birthDate'>;

type PatientRow = {
  id: string;
  mrn: string;
  family_name: string;
  given_name: string;
  full_name: string;
  birth_date: string | null;
  sex: Patient['sex'];
  created_at: number;
  updated_at: number;
};

const INSERT = `INSERT INTO patients (id, mrn, family_name, given_name, full_name, birth_date, sex, created_at, updated_at)
  VALUES ($id, $mrn, $familyName, $givenName, $fullName, $birthDate, $sex, $now, $now)`;

function insertOne(db: Database, patient: NewPatient, now: number): string {
  const id = uuidv7(now);
  db.prepare(INSERT).run({
    id,
    mrn: patient.mrn,
    familyName: patient.familyName,
    givenName: patient.givenName,
    fullName: patient.fullName,
    birthDate: patient.birthDate,
    sex: patient.sex,
    now,
  });
  return id;
}

/**
 * The minimal patient register the store's tests and benchmark need. The
 * patients capability owns the full version (main/patients/queries.node.ts).
 */
export const patientQueries = {
  insert(db: Database, patient: NewPatient): string {
    return insertOne(db, patient, Date.now());
  },

  /** One transaction for the whole batch (imports). */
  insertMany(db: Database, patients: readonly NewPatient[]): string[] {
    const now = Date.now();
    return patients.map((patient) => insertOne(db, patient, now));
  },

  get(db: Database, id: string): Patient | null {
    const row = db.prepare('SELECT * FROM patients WHERE id = ?').get<PatientRow>([id]);
    return row
      ? {
          id: row.id,
          mrn: row.mrn,
          familyName: row.family_name,
          givenName: row.given_name,
          fullName: row.full_name,
          birthDate: row.birth_date,
          sex: row.sex,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }
      : null;
  },

  /** Case-sensitive prefix of the full name, in name order, served by the full_name index. */
  findByNamePrefix(db: Database, prefix: string, limit: number): PatientSummary[] {
    return db
      .prepare("SELECT id, mrn, full_name, birth_date FROM patients WHERE full_name >= $prefix AND full_name < $prefix || char(1114111) ORDER BY full_name LIMIT $limit")
      .all<{ id: string; mrn: string; full_name: string; birth_date: string | null }>({ prefix, limit })
      .map((row) => ({ id: row.id, mrn: row.mrn, fullName: row.full_name, birthDate: row.birth_date }));
  },

  count(db: Database): number {
    return Number(db.prepare('SELECT count(*) FROM patients', { pluck: true }).get());
  },
} satisfies QueryModule;
