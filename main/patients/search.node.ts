import type Database from '@signalapp/sqlcipher';
import type { SearchHit } from '../../preload/contract/patients.ts';
import { mrnFormat } from './mrn.node.ts';
import { toSummary, type PatientRow } from './rows.node.ts';
import { searchTerms, type SearchTerms } from './search-terms.ts';

type Match = NonNullable<SearchHit['match']>;
type Field = Match['field'];
type Kind = Match['kind'];
type HitRow = Pick<PatientRow, 'id' | 'mrn' | 'full_name' | 'name_key' | 'pinyin' | 'pinyin_initials' | 'sex' | 'birth_date' | 'phones' | 'id_value'>;

const KIND_RANK: Record<Kind, number> = { exact: 0, prefix: 1, substring: 2 };
/** Among equally good matches, the more specific field first. */
const FIELD_RANK: Record<Field, number> = { mrn: 0, identifier: 1, phone: 2, birthDate: 3, name: 4, pinyin: 5, initials: 6 };

const COLUMNS = 'p.id, p.mrn, p.full_name, p.name_key, p.pinyin, p.pinyin_initials, p.sex, p.birth_date, p.phones, p.id_value';
/** Strings that start with $value: every one sorts in [$value, $value + U+10FFFF). */
const STARTS_WITH = (expression: string) => `${expression} >= $value AND ${expression} < $value || char(1114111)`;
const pinyinKey = (row: Pick<HitRow, 'pinyin'>) => row.pinyin?.replaceAll(' ', '') ?? null;

/**
 * Exact and prefix matches come from B-tree ranges (in key order, so a
 * field's exact matches come first and LIMIT keeps the best); substrings of
 * three or more characters from the trigram index. Every source stops at the
 * page size, so cost follows the page, not the register (bench/search.ts).
 */
export const PREFIX_SOURCES: ReadonlyArray<{ field: Field; term: keyof SearchTerms; sql: string; key: (row: HitRow & { key?: string }) => string | null }> = [
  { field: 'mrn', term: 'mrn', sql: `SELECT ${COLUMNS} FROM patients p WHERE ${STARTS_WITH('p.mrn')} AND p.merged_into IS NULL ORDER BY p.mrn`, key: (row) => row.mrn },
  { field: 'mrn', term: 'stationMrn', sql: `SELECT ${COLUMNS} FROM patients p WHERE p.mrn = $value AND p.merged_into IS NULL`, key: (row) => row.mrn },
  {
    field: 'identifier',
    term: 'identifier',
    sql: `SELECT ${COLUMNS} FROM patients p WHERE ${STARTS_WITH('p.id_value')} AND p.id_value IS NOT NULL AND p.merged_into IS NULL ORDER BY p.id_value`,
    key: (row) => row.id_value,
  },
  {
    field: 'phone',
    term: 'phone',
    sql: `SELECT ${COLUMNS}, ph.phone_digits AS key FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id
      WHERE ${STARTS_WITH('ph.phone_digits')} AND p.merged_into IS NULL ORDER BY ph.phone_digits`,
    key: (row) => row.key ?? null,
  },
  { field: 'birthDate', term: 'birthDate', sql: `SELECT ${COLUMNS} FROM patients p WHERE p.birth_date = $value AND p.merged_into IS NULL ORDER BY p.name_key`, key: (row) => row.birth_date },
  { field: 'name', term: 'name', sql: `SELECT ${COLUMNS} FROM patients p WHERE ${STARTS_WITH('p.name_key')} AND p.merged_into IS NULL ORDER BY p.name_key`, key: (row) => row.name_key },
  {
    field: 'pinyin',
    term: 'pinyin',
    // The same expression as the patients_by_pinyin index, or SQLite cannot use it.
    sql: `SELECT ${COLUMNS} FROM patients p WHERE ${STARTS_WITH("replace(p.pinyin, ' ', '')")} AND p.merged_into IS NULL ORDER BY replace(p.pinyin, ' ', '')`,
    key: pinyinKey,
  },
  {
    field: 'initials',
    term: 'pinyin',
    sql: `SELECT ${COLUMNS} FROM patients p WHERE ${STARTS_WITH('p.pinyin_initials')} AND p.merged_into IS NULL ORDER BY p.pinyin_initials`,
    key: (row) => row.pinyin_initials,
  },
];

export const SUBSTRING_SQL = `SELECT ${COLUMNS} FROM patient_search JOIN patients p ON p.seq = patient_search.rowid
  WHERE patient_search MATCH $match AND p.merged_into IS NULL LIMIT $limit`;
export const RECENT_SQL = `SELECT ${COLUMNS} FROM patient_views v JOIN patients p ON p.id = v.patient_id
  WHERE v.user_id = $userId AND p.merged_into IS NULL ORDER BY v.at DESC LIMIT $limit`;

/** The trigram index matches nothing shorter. */
const TRIGRAM = 3;

export function searchPatients(db: Database, query: string, userId: string, limit: number): SearchHit[] {
  const terms = searchTerms(query, mrnFormat(db));
  if (!terms) return db.prepare(RECENT_SQL).all<HitRow>({ userId, limit }).map((row) => ({ ...toSummary(row), match: null }));

  const hits = new Map<string, { row: HitRow; match: Match; order: number }>();
  const add = (row: HitRow, match: Match) => {
    const known = hits.get(row.id);
    if (!known || rank(match) < rank(known.match)) hits.set(row.id, { row, match, order: known?.order ?? hits.size });
  };

  for (const source of PREFIX_SOURCES) {
    const value = terms[source.term];
    if (value === null) continue;
    for (const row of db.prepare(source.sql + ' LIMIT $limit').all<HitRow & { key?: string }>({ value, limit })) {
      add(row, { field: source.field, kind: source.key(row) === value ? 'exact' : 'prefix' });
    }
  }

  // Substrings rank last: with a page of better matches there is nothing to look for.
  const match = hits.size < limit ? substringQuery(terms) : null;
  if (match) {
    // Rows already found may come back; asking for that many more still fills the page.
    for (const row of db.prepare(SUBSTRING_SQL).all<HitRow>({ match, limit: limit + hits.size })) {
      const found = textMatch(row, terms);
      if (found) add(row, found);
    }
  }

  return [...hits.values()]
    .sort((a, b) => rank(a.match) - rank(b.match) || a.order - b.order)
    .slice(0, limit)
    .map(({ row, match: best }) => ({ ...toSummary(row), match: best }));
}

function rank(match: Match): number {
  return KIND_RANK[match.kind] * 10 + FIELD_RANK[match.field];
}

/**
 * An FTS5 expression: each distinct term of three or more characters as a
 * phrase (quotes doubled). No column filter: all columns share one index, so
 * a filter per column would walk the same doclists once per column; the
 * matching column is worked out afterwards.
 */
function substringQuery(terms: SearchTerms): string | null {
  const phrases = new Set([terms.name, terms.pinyin].filter((term): term is string => term !== null && [...term].length >= TRIGRAM));
  return phrases.size ? [...phrases].map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ') : null;
}

/** Which text field a full-text row matched, and how well. */
function textMatch(row: HitRow, terms: SearchTerms): Match | null {
  const candidates: Array<[Field, string | null, string | null]> = [
    ['name', row.name_key, terms.name],
    ['pinyin', pinyinKey(row), terms.pinyin],
    ['initials', row.pinyin_initials, terms.pinyin],
  ];
  let best: Match | null = null;
  for (const [field, text, term] of candidates) {
    if (!text || !term || !text.includes(term)) continue;
    const match: Match = { field, kind: text === term ? 'exact' : text.startsWith(term) ? 'prefix' : 'substring' };
    if (!best || rank(match) < rank(best)) best = match;
  }
  return best;
}
