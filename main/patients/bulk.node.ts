import type Database from '@signalapp/sqlcipher';
import type { Patient } from '../../preload/contract/patients.ts';
import { uuidv7 } from '../store/ids.ts';
import { nextMrn } from './mrn.node.ts';
import { columnsOf, insertRow } from './rows.node.ts';

/** A generated patient (benchmarks, store tests); without an MRN it gets the next one. */
export interface NewPatient {
  mrn?: string;
  fullName: string;
  familyName?: string | null;
  givenName?: string | null;
  sex: Patient['sex'];
  birthDate: string;
  phones?: string[];
}

/**
 * Inserts generated records with the same columns, search keys, phone rows
 * and full-text rows a registration writes, but without audit entries or
 * outbox rows: nobody registered them and they must never replicate. Real
 * imports go through registration.
 */
export function insertGenerated(db: Database, patients: readonly NewPatient[]): string[] {
  const now = Date.now();
  return patients.map((patient) => {
    const id = uuidv7(now);
    const columns = columnsOf({
      fullName: patient.fullName,
      familyName: patient.familyName ?? undefined,
      givenName: patient.givenName ?? undefined,
      sex: patient.sex,
      birthDate: patient.birthDate,
      phones: patient.phones ?? [],
      identifier: null,
      insurance: null,
      emergencyContact: null,
      allergies: 'unknown',
    });
    insertRow(db, id, patient.mrn ?? nextMrn(db), columns, now);
    return id;
  });
}
