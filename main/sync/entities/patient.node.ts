import type Database from '@signalapp/sqlcipher';
import type { Patient } from '../../../preload/contract/patients.ts';
import { phoneKey } from '../../patients/phones.ts';
import { COLUMN_NAMES, columnsOf, getRow, type PatientFields } from '../../patients/rows.node.ts';
import { nextUpdatedAt } from '../../patients/timestamps.ts';
import { claimUnique, dropClaims, fallbackValue, type UniqueSlot } from '../claims.node.ts';
import { parseHlc } from '../hlc.ts';
import { valuesOf, type FieldState } from '../state.node.ts';
import { prepared } from '../statements.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { effectiveMerge, repointAfterMerge } from './patient-links.node.ts';

type PatientValues = Partial<Omit<Patient, 'id' | 'pinyin' | 'pinyinInitials'>> & { mergedInto?: string | null };

const COLUMNS = ['mrn', ...COLUMN_NAMES, 'merged_into', 'created_at', 'updated_at'] as const;

const UPSERT = `INSERT INTO patients (id, ${COLUMNS.join(', ')}) VALUES ($id, ${COLUMNS.map((column) => `$${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`;

const mrnSlot = (mrn: string): UniqueSlot => ({
  kind: 'patient.mrn',
  value: mrn,
  holder: (db, id) => (prepared(db, 'SELECT id FROM patients WHERE mrn = ? AND id <> ?', { pluck: true }).get([mrn, id]) as string | undefined) ?? null,
  demote: (db, holder) => void db.prepare('UPDATE patients SET mrn = ? WHERE id = ?').run([fallbackValue(mrn, holder), holder]),
});

const identifierSlot = (type: string, value: string): UniqueSlot => ({
  kind: 'patient.identifier',
  value: `${type}:${value}`,
  holder: (db, id) =>
    (db.prepare('SELECT id FROM patients WHERE id_value = ? AND id_type = ? AND merged_into IS NULL AND id <> ?', { pluck: true }).get([value, type, id]) as string | undefined) ?? null,
  demote: (db, holder) => void db.prepare('UPDATE patients SET id_type = NULL, id_value = NULL WHERE id = ?').run([holder]),
});

/**
 * Patients, with their phone and search rows (the search index follows by
 * trigger). Merges replicate as the duplicate's `mergedInto`; rows of merged
 * records move to the live record as they are written.
 */
export function patientAdapter(dependents: () => readonly EntityAdapter[]): EntityAdapter {
  return {
    entity: 'patient',
    rank: 10,
    materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
      const { db } = context;
      const values = valuesOf(state) as PatientValues;
      if (typeof values.fullName !== 'string' || typeof values.birthDate !== 'string' || typeof values.mrn !== 'string' || typeof values.createdAt !== 'number') return 'pending';
      const merge = effectiveMerge(db, id, state);
      if (merge.target !== null && !rowExists(db, merge.target)) return 'pending';

      dropClaims(db, id);
      const columns = columnsOf({
        fullName: values.fullName,
        familyName: values.familyName ?? null,
        givenName: values.givenName ?? null,
        sex: values.sex ?? 'unknown',
        birthDate: values.birthDate,
        phones: values.phones ?? [],
        identifier: values.identifier ?? null,
        address: values.address ?? null,
        insurance: values.insurance ?? null,
        emergencyContact: values.emergencyContact ? { ...values.emergencyContact, relation: values.emergencyContact.relation ?? undefined } : null,
        allergies: values.allergies ?? 'unknown',
        notes: values.notes ?? null,
      } as PatientFields);
      const before = getRow(db, id);
      // A value this row holds already is held by no other (the unique indexes): nothing to claim.
      const holdsIdentifier = before !== null && before.merged_into === null && before.id_type === columns.id_type && before.id_value === columns.id_value;
      if (columns.id_type && columns.id_value && merge.target === null && !holdsIdentifier && !claimUnique(db, identifierSlot(columns.id_type, columns.id_value), id)) {
        columns.id_type = null;
        columns.id_value = null;
      }
      const mrn = before?.mrn === values.mrn || claimUnique(db, mrnSlot(values.mrn), id) ? values.mrn : fallbackValue(values.mrn, id);
      const updatedAt = values.updatedAt ?? values.createdAt;
      const row = {
        ...columns,
        mrn,
        merged_into: merge.target,
        created_at: values.createdAt,
        // As the merging desk wrote it (main/patients/merge.node.ts): the merge moves updatedAt forward.
        updated_at: merge.edgeHlc ? nextUpdatedAt(updatedAt, parseHlc(merge.edgeHlc).wall) : updatedAt,
      };
      // Most rewrites (a re-applied batch, a local write checked at push) change nothing: skip the index and search-row updates.
      if (!before || COLUMNS.some((column) => before[column] !== row[column])) {
        prepared(db, UPSERT).run({ ...row, id });
        if (before?.phones !== row.phones) writePhones(db, id, values.phones ?? [], before !== null);
      }

      for (const member of merge.cycle) if (member !== id && getRow(db, member)?.merged_into !== effectiveMerge(db, member).target) context.requeue('patient', member);
      if ((before?.merged_into ?? null) !== merge.target) repointAfterMerge(context, id, dependents());
      return 'written';
    },
  };
}

function rowExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM patients WHERE id = ?', { pluck: true }).get([id]) !== undefined;
}

function writePhones(db: Database, id: string, phones: readonly string[], existing: boolean): void {
  if (existing) prepared(db, 'DELETE FROM patient_phones WHERE patient_id = ?').run([id]);
  const insert = prepared(db, 'INSERT OR IGNORE INTO patient_phones (patient_id, phone_digits) VALUES (?, ?)');
  for (const phone of phones) insert.run([id, phoneKey(phone)]);
}
