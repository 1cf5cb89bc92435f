import type Database from '@signalapp/sqlcipher';
import type { DuplicateCandidate } from '../../../preload/contract/patients.ts';
import { similarNames } from '../../patients/duplicates.node.ts';

type Reason = DuplicateCandidate['reasons'][number];

/** As the registration's check: it compares a record with at most this many others of its birth date. */
const SAME_BIRTH_DATE_LIMIT = 1_000;

export interface DuplicatePair {
  /** The earlier registered record, and the one that may be the same person. */
  patientId: string;
  otherPatientId: string;
  reasons: Reason[];
}

/**
 * Every pair of live records the registration's duplicate rule would link
 * (main/patients/duplicates.node.ts: the same identifier, a shared phone
 * number, or the same birth date with a similar name), found with a few
 * joins over the register instead of one search per patient. Pairs come in
 * registration order of their first record, the most reasons first.
 */
export function duplicatePairs(db: Database): DuplicatePair[] {
  const seq = new Map<string, number>();
  const pairs = new Map<string, { a: string; b: string; reasons: Set<Reason> }>();
  const add = (a: string, b: string, reason: Reason) => {
    const [first, second] = (seq.get(a) ?? 0) <= (seq.get(b) ?? 0) ? [a, b] : [b, a];
    const key = `${first} ${second}`;
    const pair = pairs.get(key) ?? { a: first, b: second, reasons: new Set<Reason>() };
    pair.reasons.add(reason);
    pairs.set(key, pair);
  };

  const live = db
    .prepare('SELECT id, seq, birth_date, name_key, pinyin FROM patients WHERE merged_into IS NULL ORDER BY birth_date, seq')
    .all<{ id: string; seq: number; birth_date: string; name_key: string; pinyin: string | null }>();
  for (const row of live) seq.set(row.id, row.seq);

  for (const { a, b } of db
    .prepare(
      `SELECT x.id AS a, y.id AS b FROM patients x JOIN patients y ON y.id_value = x.id_value AND y.id_type = x.id_type AND y.id > x.id
       WHERE x.id_value IS NOT NULL AND x.merged_into IS NULL AND y.merged_into IS NULL`,
    )
    .all<{ a: string; b: string }>()) {
    add(a, b, 'sameIdentifier');
  }
  for (const { a, b } of db
    .prepare(
      `SELECT DISTINCT x.patient_id AS a, y.patient_id AS b FROM patient_phones x JOIN patient_phones y ON y.phone_digits = x.phone_digits AND y.patient_id > x.patient_id
       JOIN patients px ON px.id = x.patient_id JOIN patients py ON py.id = y.patient_id WHERE px.merged_into IS NULL AND py.merged_into IS NULL`,
    )
    .all<{ a: string; b: string }>()) {
    add(a, b, 'samePhone');
  }
  // Same birth date, similar name: compared within each birth date only (rows come sorted by it).
  for (let start = 0; start < live.length; ) {
    let end = start;
    while (end < live.length && live[end]!.birth_date === live[start]!.birth_date) end++;
    const group = live.slice(start, Math.min(end, start + SAME_BIRTH_DATE_LIMIT));
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) if (similarNames(group[i]!, group[j]!)) add(group[i]!.id, group[j]!.id, 'sameBirthDateSimilarName');
    }
    start = end;
  }

  const order: Reason[] = ['sameIdentifier', 'samePhone', 'sameBirthDateSimilarName'];
  return [...pairs.values()]
    .sort((x, y) => seq.get(x.a)! - seq.get(y.a)! || y.reasons.size - x.reasons.size || seq.get(x.b)! - seq.get(y.b)!)
    .map(({ a, b, reasons }) => ({ patientId: a, otherPatientId: b, reasons: order.filter((reason) => reasons.has(reason)) }));
}
