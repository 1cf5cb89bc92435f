import { StoreError, type StoreErrorCode } from './errors.ts';

/** The extended result code the library sets on its errors, e.g. `SQLITE_CONSTRAINT_UNIQUE`. */
export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

const FAMILIES: ReadonlyArray<readonly [prefix: string, code: StoreErrorCode]> = [
  ['SQLITE_CONSTRAINT', 'CONSTRAINT'],
  ['SQLITE_BUSY', 'BUSY'],
  ['SQLITE_LOCKED', 'BUSY'],
  ['SQLITE_CORRUPT', 'CORRUPT'],
  ['SQLITE_NOTADB', 'CORRUPT'],
  ['SQLITE_FULL', 'IO'],
  ['SQLITE_IOERR', 'IO'],
  ['SQLITE_CANTOPEN', 'IO'],
  ['SQLITE_READONLY', 'IO'],
  ['SQLITE_PERM', 'IO'],
];

/**
 * UNIQUE and NOT NULL failures name only `table.column`s, which callers need to
 * tell "MRN already used" from other conflicts. Other messages (CHECK
 * expressions, trigger text) are not parsed.
 */
const CONSTRAINT_COLUMNS = /\((SQLITE_CONSTRAINT_(?:UNIQUE|PRIMARYKEY|NOTNULL))\): (?:UNIQUE|NOT NULL) constraint failed: ([\w.]+(?:, [\w.]+)*)(?:,|$)/;

/** A library error as a StoreError carrying only the SQLite code name (and constraint columns). */
export function fromSqliteError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const sqlite = sqliteCode(error);
  if (!sqlite) return new StoreError('INTERNAL', {}, { cause: error });
  const code = FAMILIES.find(([prefix]) => sqlite.startsWith(prefix))?.[1] ?? 'INTERNAL';
  const columns = code === 'CONSTRAINT' ? CONSTRAINT_COLUMNS.exec((error as Error).message)?.[2] : undefined;
  return new StoreError(code, columns ? { sqlite, columns } : { sqlite }, { cause: error });
}
