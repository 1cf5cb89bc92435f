import type { ImportEncoding, ImportMapping } from '../../../preload/contract/patient-import.ts';
import type { CsvRecord } from './parse.ts';
import type { ValidatedRow } from './validate-rows.ts';

/** What the CSV worker is asked to do, and its answers: plain data, cloned across the thread boundary. */
export type CsvTask = { kind: 'parse'; path: string } | { kind: 'validate'; records: readonly CsvRecord[]; mapping: ImportMapping };

export type CsvRefusal = 'too-large' | 'too-many-rows' | 'empty' | 'unreadable';

export type CsvTaskResult =
  | { kind: 'parsed'; encoding: ImportEncoding; headers: string[]; records: CsvRecord[]; mapping: ImportMapping }
  | { kind: 'validated'; rows: ValidatedRow[] }
  | { kind: 'refused'; reason: CsvRefusal };
