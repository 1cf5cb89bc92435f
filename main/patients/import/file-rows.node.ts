import type { ImportDuplicate } from '../../../preload/contract/patient-import.ts';
import { similarNames } from '../duplicates.node.ts';
import { phoneKey } from '../phones.ts';
import type { columnsOf } from '../rows.node.ts';
import type { ImportCandidate } from './store.node.ts';

type Columns = ReturnType<typeof columnsOf>;
type Reason = ImportDuplicate['reasons'][number];
interface FileRow {
  row: number;
  columns: Columns;
}

const CANDIDATE_LIMIT = 20;

/**
 * The earlier rows of a file being previewed, indexed by the same keys the
 * register's duplicate search uses (duplicates.node.ts): identifier, phone,
 * and birth date with a similar name; and by carried-over MRN. The preview
 * compares each row with these in memory, as the import will find them in
 * the register once written.
 */
export class FileRows {
  readonly #byIdentifier = new Map<string, FileRow>();
  readonly #byMrn = new Map<string, FileRow>();
  readonly #byPhone = new Map<string, FileRow[]>();
  readonly #byBirthDate = new Map<string, FileRow[]>();

  add(candidate: ImportCandidate, columns: Columns): void {
    const entry = { row: candidate.row, columns };
    if (columns.id_type && columns.id_value) this.#byIdentifier.set(`${columns.id_type}:${columns.id_value}`, entry);
    if (candidate.mrn) this.#byMrn.set(candidate.mrn, entry);
    for (const phone of new Set(candidate.fields.phones.map(phoneKey))) this.#byPhone.set(phone, [...(this.#byPhone.get(phone) ?? []), entry]);
    this.#byBirthDate.set(columns.birth_date, [...(this.#byBirthDate.get(columns.birth_date) ?? []), entry]);
  }

  /** Earlier rows holding this row's identifier or MRN: registration would refuse it. */
  taken(candidate: ImportCandidate, columns: Columns): ImportDuplicate[] {
    const found: ImportDuplicate[] = [];
    const byIdentifier = columns.id_type && columns.id_value ? this.#byIdentifier.get(`${columns.id_type}:${columns.id_value}`) : undefined;
    if (byIdentifier) found.push(describe(byIdentifier, ['sameIdentifier']));
    const byMrn = candidate.mrn ? this.#byMrn.get(candidate.mrn) : undefined;
    if (byMrn) found.push(describe(byMrn, ['sameMrn']));
    return found;
  }

  /** Earlier rows registration would warn about: a shared phone, or the same birth date and a similar name. */
  similar(candidate: ImportCandidate, columns: Columns): ImportDuplicate[] {
    const found = new Map<number, { entry: FileRow; reasons: Set<Reason> }>();
    const add = (entries: readonly FileRow[], reason: Reason) => {
      for (const entry of entries) {
        const known = found.get(entry.row) ?? { entry, reasons: new Set<Reason>() };
        known.reasons.add(reason);
        found.set(entry.row, known);
      }
    };
    for (const phone of new Set(candidate.fields.phones.map(phoneKey))) add(this.#byPhone.get(phone) ?? [], 'samePhone');
    add((this.#byBirthDate.get(columns.birth_date) ?? []).filter((entry) => similarNames(columns, entry.columns)), 'sameBirthDateSimilarName');
    return [...found.values()]
      .sort((a, b) => b.reasons.size - a.reasons.size)
      .slice(0, CANDIDATE_LIMIT)
      .map(({ entry, reasons }) => describe(entry, [...reasons]));
  }
}

function describe(entry: FileRow, reasons: Reason[]): ImportDuplicate {
  return { mrn: null, row: entry.row, fullName: entry.columns.full_name, birthDate: entry.columns.birth_date, reasons };
}
