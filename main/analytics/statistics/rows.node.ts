import type Database from '@signalapp/sqlcipher';
import type { Measure, StatisticsFilters, Subject } from '../../../preload/contract/analytics.ts';
import { ageAt, localMidnight } from './age.ts';

export type VitalMeasure = Exclude<Measure, 'age'>;

/** Chart column of each vital measure. */
export const VITAL_COLUMNS: Readonly<Record<VitalMeasure, string>> = {
  systolic: 'systolic',
  diastolic: 'diastolic',
  heartRate: 'heart_rate',
  temperature: 'temperature',
  spo2: 'spo2',
  respiratoryRate: 'respiratory_rate',
  height: 'height',
  weight: 'weight',
  bmi: 'bmi',
};
const VITALS = Object.keys(VITAL_COLUMNS) as VitalMeasure[];

/** One analysed row: a patient, an encounter or an appointment, with its group keys and measures. */
export interface SubjectRow {
  patientId: string;
  /** The event's instant (now, for a patient). */
  at: number;
  sex: string;
  age: number | null;
  provider: string | null;
  /** Distinct ICD-10 codes attached to the row (empty: none recorded). */
  codes: string[];
  vitals: Record<VitalMeasure, number | null>;
}

type VitalRow = { key: string } & Record<string, number | null>;

/** [from, to) in epoch ms from the filters' inclusive local dates. */
function dateRange(filters: StatisticsFilters): { from: number; to: number } {
  return {
    from: filters.from ? localMidnight(filters.from) : -8.64e15,
    to: filters.to ? localMidnight(filters.to) + 24 * 60 * 60_000 : 8.64e15,
  };
}

/**
 * The rows of one subject, filtered by date, diagnosis and age. Vitals of a
 * patient are the latest recorded value of each measure (in the date range);
 * of an encounter, those taken in it; of an appointment, those of its encounter.
 * Entries marked "entered in error" are never counted.
 */
export function subjectRows(db: Database, subject: Subject, filters: StatisticsFilters, now: number): SubjectRow[] {
  const { from, to } = dateRange(filters);
  const rows = subject === 'patients' ? patientRows(db, filters, from, to, now) : subject === 'encounters' ? encounterRows(db, from, to) : appointmentRows(db, from, to);
  const prefix = filters.diagnosis;
  return rows.filter(
    (row) =>
      (prefix === undefined || row.codes.some((code) => code.toUpperCase().startsWith(prefix))) &&
      (filters.minAge === undefined || (row.age !== null && row.age >= filters.minAge)) &&
      (filters.maxAge === undefined || (row.age !== null && row.age <= filters.maxAge)),
  );
}

function emptyVitals(): Record<VitalMeasure, number | null> {
  return Object.fromEntries(VITALS.map((measure) => [measure, null])) as Record<VitalMeasure, number | null>;
}

/** Latest non-null value of each vital per key, from rows ordered by time. */
function latestVitals(rows: readonly VitalRow[]): Map<string, Record<VitalMeasure, number | null>> {
  const byKey = new Map<string, Record<VitalMeasure, number | null>>();
  for (const row of rows) {
    const vitals = byKey.get(row.key) ?? emptyVitals();
    for (const measure of VITALS) {
      const value = row[VITAL_COLUMNS[measure]];
      if (typeof value === 'number') vitals[measure] = value;
    }
    byKey.set(row.key, vitals);
  }
  return byKey;
}

const VITAL_SELECT = VITALS.map((measure) => `v.${VITAL_COLUMNS[measure]}`).join(', ');

function codesBy(db: Database, sql: string, params: readonly unknown[] = []): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, code } of db.prepare(sql).all<{ key: string; code: string }>(params as never)) {
    const codes = byKey.get(key) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byKey.set(key, codes);
  }
  return byKey;
}

function patientRows(db: Database, filters: StatisticsFilters, from: number, to: number, now: number): SubjectRow[] {
  const dated = filters.from !== undefined || filters.to !== undefined;
  // With a date range: the patients seen in it (an encounter or a kept appointment), aged at its end.
  const seen = dated
    ? new Set(
        db
          .prepare(
            `SELECT patient_id FROM encounters WHERE error_reason IS NULL AND at >= ? AND at < ?
             UNION SELECT patient_id FROM appointments WHERE status NOT IN ('cancelled', 'no-show') AND starts_at >= ? AND starts_at < ?`,
            { pluck: true },
          )
          .all<string>([from, to, from, to]),
      )
    : null;
  const ageDate = Math.min(now, to - 1);
  const vitals = latestVitals(
    db.prepare(`SELECT v.patient_id AS key, ${VITAL_SELECT} FROM vital_signs v WHERE v.error_reason IS NULL AND v.at >= ? AND v.at < ? ORDER BY v.patient_id, v.at`).all<VitalRow>([from, to]),
  );
  const codes = codesBy(
    db,
    `SELECT e.patient_id AS key, d.code AS code FROM encounter_diagnoses d JOIN encounters e ON e.id = d.encounter_id WHERE e.error_reason IS NULL
     UNION ALL SELECT patient_id AS key, code FROM problems WHERE error_reason IS NULL`,
  );
  return db
    .prepare('SELECT id, sex, birth_date FROM patients WHERE merged_into IS NULL')
    .all<{ id: string; sex: string; birth_date: string }>()
    .filter((patient) => seen === null || seen.has(patient.id))
    .map((patient) => ({
      patientId: patient.id,
      at: ageDate,
      sex: patient.sex,
      age: ageAt(patient.birth_date, ageDate),
      provider: null,
      codes: codes.get(patient.id) ?? [],
      vitals: vitals.get(patient.id) ?? emptyVitals(),
    }));
}

function encounterRows(db: Database, from: number, to: number): SubjectRow[] {
  const vitals = latestVitals(
    db
      .prepare(`SELECT v.encounter_id AS key, ${VITAL_SELECT} FROM vital_signs v WHERE v.error_reason IS NULL AND v.encounter_id IS NOT NULL ORDER BY v.encounter_id, v.at`)
      .all<VitalRow>(),
  );
  const codes = codesBy(db, 'SELECT encounter_id AS key, code FROM encounter_diagnoses');
  return db
    .prepare(
      `SELECT e.id, e.patient_id, e.at, e.provider_name, p.sex, p.birth_date FROM encounters e JOIN patients p ON p.id = e.patient_id
       WHERE e.error_reason IS NULL AND e.at >= ? AND e.at < ?`,
    )
    .all<{ id: string; patient_id: string; at: number; provider_name: string; sex: string; birth_date: string }>([from, to])
    .map((row) => ({
      patientId: row.patient_id,
      at: row.at,
      sex: row.sex,
      age: ageAt(row.birth_date, row.at),
      provider: row.provider_name,
      codes: codes.get(row.id) ?? [],
      vitals: vitals.get(row.id) ?? emptyVitals(),
    }));
}

function appointmentRows(db: Database, from: number, to: number): SubjectRow[] {
  const vitals = latestVitals(
    db
      .prepare(
        `SELECT e.appointment_id AS key, ${VITAL_SELECT} FROM vital_signs v JOIN encounters e ON e.id = v.encounter_id
         WHERE v.error_reason IS NULL AND e.error_reason IS NULL AND e.appointment_id IS NOT NULL ORDER BY e.appointment_id, v.at`,
      )
      .all<VitalRow>(),
  );
  const codes = codesBy(
    db,
    `SELECT e.appointment_id AS key, d.code AS code FROM encounter_diagnoses d JOIN encounters e ON e.id = d.encounter_id
     WHERE e.error_reason IS NULL AND e.appointment_id IS NOT NULL`,
  );
  return db
    .prepare(
      `SELECT a.id, a.patient_id, a.starts_at, r.name AS provider, p.sex, p.birth_date
       FROM appointments a JOIN patients p ON p.id = a.patient_id
       JOIN appointment_resources ar ON ar.appointment_id = a.id
       JOIN schedule_resources r ON r.id = ar.resource_id AND r.kind = 'provider'
       WHERE a.status <> 'cancelled' AND a.starts_at >= ? AND a.starts_at < ?`,
    )
    .all<{ id: string; patient_id: string; starts_at: number; provider: string; sex: string; birth_date: string }>([from, to])
    .map((row) => ({
      patientId: row.patient_id,
      at: row.starts_at,
      sex: row.sex,
      age: ageAt(row.birth_date, row.starts_at),
      provider: row.provider,
      codes: codes.get(row.id) ?? [],
      vitals: vitals.get(row.id) ?? emptyVitals(),
    }));
}
