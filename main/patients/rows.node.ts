import type Database from '@signalapp/sqlcipher';
import type { z } from 'zod';
import type { Patient, PatientSummary, patientInputSchema } from '../../preload/contract/patients.ts';
import { nameKey, splitChineseName } from './names.ts';
import { phoneKey } from './phones.ts';
import { namePinyin } from './pinyin.ts';

/** A registration or correction as the contract has validated it. */
export type PatientFields = z.output<typeof patientInputSchema>;

export type PatientRow = {
  seq: number;
  id: string;
  mrn: string;
  full_name: string;
  family_name: string | null;
  given_name: string | null;
  name_key: string;
  pinyin: string | null;
  pinyin_initials: string | null;
  sex: Patient['sex'];
  birth_date: string;
  phones: string;
  id_type: NonNullable<Patient['identifier']>['type'] | null;
  id_value: string | null;
  address: string | null;
  insurance: string | null;
  emergency_contact: string | null;
  allergies: Patient['allergies'];
  notes: string | null;
  merged_into: string | null;
  created_at: number;
  updated_at: number;
};

/** The columns a patient's fields are stored in, search keys included. */
type Columns = Omit<PatientRow, 'seq' | 'id' | 'mrn' | 'merged_into' | 'created_at' | 'updated_at'>;

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    mrn: row.mrn,
    fullName: row.full_name,
    familyName: row.family_name,
    givenName: row.given_name,
    pinyin: row.pinyin,
    pinyinInitials: row.pinyin_initials,
    sex: row.sex,
    birthDate: row.birth_date,
    phones: JSON.parse(row.phones) as string[],
    identifier: row.id_type && row.id_value ? { type: row.id_type, value: row.id_value } : null,
    address: row.address,
    insurance: row.insurance ? (JSON.parse(row.insurance) as Patient['insurance']) : null,
    emergencyContact: row.emergency_contact ? (JSON.parse(row.emergency_contact) as Patient['emergencyContact']) : null,
    allergies: row.allergies,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSummary(row: Pick<PatientRow, 'id' | 'mrn' | 'full_name' | 'pinyin' | 'sex' | 'birth_date' | 'phones'>): PatientSummary {
  return { id: row.id, mrn: row.mrn, fullName: row.full_name, pinyin: row.pinyin, sex: row.sex, birthDate: row.birth_date, phones: JSON.parse(row.phones) as string[] };
}

/** What a replica needs to rebuild the record: everything but the id and what it derives itself. */
export function replicatedFields(patient: Patient): Record<string, unknown> {
  const { id: _id, pinyin: _pinyin, pinyinInitials: _initials, ...fields } = patient;
  return fields;
}

export function columnsOf(fields: PatientFields): Columns {
  const pinyin = namePinyin(fields.fullName);
  const split = splitChineseName(fields.fullName);
  return {
    full_name: fields.fullName,
    // `||`: a field the form left empty counts as not given.
    family_name: fields.familyName || split?.familyName || null,
    given_name: fields.givenName || split?.givenName || null,
    name_key: nameKey(fields.fullName),
    pinyin: pinyin?.pinyin ?? null,
    pinyin_initials: pinyin?.initials ?? null,
    sex: fields.sex,
    birth_date: fields.birthDate,
    phones: JSON.stringify(fields.phones),
    id_type: fields.identifier?.type ?? null,
    id_value: fields.identifier ? identifierKey(fields.identifier.value) : null,
    address: fields.address || null,
    insurance: fields.insurance ? JSON.stringify(fields.insurance) : null,
    emergency_contact: fields.emergencyContact ? JSON.stringify({ ...fields.emergencyContact, relation: fields.emergencyContact.relation ?? null }) : null,
    allergies: fields.allergies,
    notes: fields.notes || null,
  };
}

/** Identifiers compare case-insensitively (a resident ID's check character is X or x). */
function identifierKey(value: string): string {
  return value.toUpperCase();
}

/** The demographic columns a registration or correction writes (the sync adapter writes these and the bookkeeping ones). */
export const COLUMN_NAMES = [
  'full_name',
  'family_name',
  'given_name',
  'name_key',
  'pinyin',
  'pinyin_initials',
  'sex',
  'birth_date',
  'phones',
  'id_type',
  'id_value',
  'address',
  'insurance',
  'emergency_contact',
  'allergies',
  'notes',
] as const satisfies ReadonlyArray<keyof Columns>;

const INSERT = `INSERT INTO patients (id, mrn, ${COLUMN_NAMES.join(', ')}, created_at, updated_at)
  VALUES ($id, $mrn, ${COLUMN_NAMES.map((name) => `$${name}`).join(', ')}, $at, $at)`;
const UPDATE = `UPDATE patients SET ${COLUMN_NAMES.map((name) => `${name} = $${name}`).join(', ')}, updated_at = $at WHERE id = $id`;

/** Whether a live record other than `exceptId` already carries this identifier (the unique index's rule, checked first to say so precisely). */
export function identifierTaken(db: Database, columns: Pick<Columns, 'id_type' | 'id_value'>, exceptId: string | null): boolean {
  if (!columns.id_type || !columns.id_value) return false;
  return (
    db
      .prepare('SELECT 1 FROM patients WHERE id_value = ? AND id_type = ? AND id_value IS NOT NULL AND merged_into IS NULL AND id IS NOT ?', { pluck: true })
      .get([columns.id_value, columns.id_type, exceptId]) !== undefined
  );
}

export function getRow(db: Database, id: string): PatientRow | null {
  return db.prepare('SELECT * FROM patients WHERE id = ?').get<PatientRow>([id]) ?? null;
}

export function insertRow(db: Database, id: string, mrn: string, columns: Columns, at: number): void {
  db.prepare(INSERT).run({ ...columns, id, mrn, at });
  writePhones(db, id, JSON.parse(columns.phones) as string[]);
}

export function updateRow(db: Database, id: string, columns: Columns, at: number): PatientRow {
  db.prepare(UPDATE).run({ ...columns, id, at });
  db.prepare('DELETE FROM patient_phones WHERE patient_id = ?').run([id]);
  writePhones(db, id, JSON.parse(columns.phones) as string[]);
  return getRow(db, id)!;
}

function writePhones(db: Database, id: string, phones: readonly string[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO patient_phones (patient_id, phone_digits) VALUES (?, ?)');
  for (const phone of phones) insert.run([id, phoneKey(phone)]);
}
