import type Database from '@signalapp/sqlcipher';
import type { DuplicateCandidate } from '../../preload/contract/patients.ts';
import { withinOneEdit } from './names.ts';
import { phoneKey } from './phones.ts';
import { columnsOf, toSummary, type PatientFields, type PatientRow } from './rows.node.ts';

type Reason = DuplicateCandidate['reasons'][number];

/** Enough for any real birth date; bounds the work if generated data piles thousands onto one. */
const SAME_BIRTH_DATE_LIMIT = 1_000;
const CANDIDATE_LIMIT = 20;

/**
 * Live records that may be the same person: the same identifier, a shared
 * phone number, or the same birth date with a similar name (same pinyin, or
 * one character apart in the name or its pinyin, e.g. a typo or a homophone).
 */
export function findDuplicates(db: Database, fields: PatientFields, excludeId: string | null): DuplicateCandidate[] {
  const wanted = columnsOf(fields);
  const found = new Map<string, { row: PatientRow; reasons: Set<Reason> }>();
  const add = (rows: PatientRow[], reason: Reason) => {
    for (const row of rows) {
      if (row.id === excludeId) continue;
      const entry = found.get(row.id) ?? { row, reasons: new Set<Reason>() };
      entry.reasons.add(reason);
      found.set(row.id, entry);
    }
  };

  if (wanted.id_type && wanted.id_value) {
    add(db.prepare('SELECT * FROM patients WHERE id_value = ? AND id_type = ? AND id_value IS NOT NULL AND merged_into IS NULL').all<PatientRow>([wanted.id_value, wanted.id_type]), 'sameIdentifier');
  }
  const byPhone = db.prepare('SELECT p.* FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id WHERE ph.phone_digits = ? AND p.merged_into IS NULL');
  for (const phone of new Set(fields.phones.map(phoneKey))) add(byPhone.all<PatientRow>([phone]), 'samePhone');

  const sameBirthDate = db
    .prepare('SELECT * FROM patients WHERE birth_date = ? AND merged_into IS NULL LIMIT ?')
    .all<PatientRow>([wanted.birth_date, SAME_BIRTH_DATE_LIMIT]);
  add(sameBirthDate.filter((row) => similarNames(wanted, row)), 'sameBirthDateSimilarName');

  return [...found.values()]
    .sort((a, b) => b.reasons.size - a.reasons.size)
    .slice(0, CANDIDATE_LIMIT)
    .map(({ row, reasons }) => ({ ...toSummary(row), reasons: [...reasons] }));
}

/** Same name key or pinyin, or one character apart in either: the name half of the birth-date rule. */
export function similarNames(a: Pick<PatientRow, 'name_key' | 'pinyin'>, b: Pick<PatientRow, 'name_key' | 'pinyin'>): boolean {
  if (withinOneEdit(a.name_key, b.name_key)) return true;
  if (!a.pinyin || !b.pinyin) return false;
  return withinOneEdit(a.pinyin.replaceAll(' ', ''), b.pinyin.replaceAll(' ', ''));
}
