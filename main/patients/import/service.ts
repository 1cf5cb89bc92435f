import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ImportMapping, ImportOpened, ImportPreview, ImportReport, ImportRow } from '../../../preload/contract/patient-import.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import type { FileDialogs } from '../../platform/dialogs.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { Session } from '../../platform/sessions.ts';
import { patientFailure } from '../errors.ts';
import { PendingImports, type PendingImport } from './pending-imports.ts';
import { runCsvTask } from './run-worker.node.ts';
import type { ImportCandidate } from './store.node.ts';
import type { CsvRefusal } from './tasks.ts';
import type { ValidatedRow } from './validate-rows.ts';

const CSV_FILTER = { filterName: 'CSV', extensions: ['csv', 'tsv', 'txt'] } as const;
const SAMPLE_ROWS = 5;
const SAMPLE_CELL_LENGTH = 200;

const REFUSALS: Record<CsvRefusal, string> = {
  'too-large': 'The file is larger than 20 MB; split it and import the parts.',
  'too-many-rows': 'The file has more than 50,000 rows or 200 columns; split it and import the parts.',
  empty: 'The file has no header row or no data rows.',
  unreadable: 'The file could not be read.',
};

function expired(): AppError {
  return new AppError('NOT_FOUND', 'This import is no longer open; choose the file again.', { details: { reason: 'import-expired' } });
}

const toCandidate = (row: ValidatedRow & { fields: NonNullable<ValidatedRow['fields']> }): ImportCandidate => ({ row: row.row, fullName: row.fullName, fields: row.fields, mrn: row.mrn });
const isValid = (row: ValidatedRow): row is ValidatedRow & { fields: NonNullable<ValidatedRow['fields']> } => row.fields !== null;

/**
 * CSV import of an existing patient list. Main chooses the file through the
 * shell's dialog (the renderer never names a path), the CSV worker reads and
 * checks it off the event loop, and the store registers the valid rows in one
 * transaction through registration's own insert path.
 */
export class PatientImportService {
  readonly #vault: Vault;
  readonly #dialogs: FileDialogs;
  readonly #now: () => number;
  readonly #pending = new PendingImports();

  constructor(options: { vault: Vault; dialogs: FileDialogs; now?: () => number }) {
    this.#vault = options.vault;
    this.#dialogs = options.dialogs;
    this.#now = options.now ?? Date.now;
  }

  async open(session: Session): Promise<ImportOpened> {
    const path = await this.#dialogs.chooseOpenFile(CSV_FILTER);
    if (!path) return { cancelled: true };
    const parsed = await runCsvTask({ kind: 'parse', path });
    if (parsed.kind === 'refused') throw new AppError('VALIDATION', REFUSALS[parsed.reason], { details: { reason: parsed.reason } });
    if (parsed.kind !== 'parsed') throw new AppError('INTERNAL', 'The file could not be read.');
    const importId = randomUUID();
    const { encoding, headers, records, mapping } = parsed;
    this.#pending.add(importId, { userId: session.userId, fileName: basename(path), encoding, headers, records, openedAt: this.#now() });
    return {
      cancelled: false,
      importId,
      fileName: basename(path),
      encoding,
      headers,
      rowCount: records.length,
      mapping,
      sample: records.slice(0, SAMPLE_ROWS).map((record) => headers.map((_, column) => (record.cells[column] ?? '').slice(0, SAMPLE_CELL_LENGTH))),
    };
  }

  async preview(session: Session, importId: string, mapping: ImportMapping): Promise<ImportPreview> {
    const rows = await this.#validate(this.#get(session, importId), mapping);
    const found = new Map((await this.#store((patients) => patients.previewImport(rows.filter(isValid).map(toCandidate)))).map((row) => [row.row, row]));
    const previewRows: ImportRow[] = rows.map((row) => {
      const classified = found.get(row.row);
      return {
        row: row.row,
        line: row.line,
        fullName: row.fullName,
        birthDate: row.birthDate,
        status: classified?.status ?? 'invalid',
        issues: row.issues,
        warnings: row.warnings,
        duplicates: classified?.duplicates ?? [],
      };
    });
    const count = (status: ImportRow['status']) => previewRows.filter((row) => row.status === status).length;
    return {
      rows: previewRows,
      counts: {
        total: rows.length,
        ready: count('ready'),
        invalid: count('invalid'),
        duplicate: count('duplicate'),
        taken: count('taken'),
        warnings: previewRows.filter((row) => row.warnings.length > 0).length,
      },
    };
  }

  async commit(session: Session, importId: string, mapping: ImportMapping, importDuplicates: readonly number[]): Promise<ImportReport> {
    const pending = this.#get(session, importId);
    const rows = await this.#validate(pending, mapping);
    const invalid = rows.filter((row) => !isValid(row));
    const now = this.#now();
    const audit = auditEntry(actorOf(session, now), 'record.create', {}, now);
    const summary = { importId, rows: rows.length, invalid: invalid.length, encoding: pending.encoding };
    const report = await this.#store((patients) => patients.importPatients(rows.filter(isValid).map(toCandidate), importDuplicates, audit, summary));
    this.#pending.delete(importId, session.userId);
    const invalidRows = invalid.map((row) => ({ row: row.row, fullName: row.fullName, outcome: 'invalid' as const, patientId: null, mrn: null }));
    return { ...report, rows: [...report.rows, ...invalidRows].sort((a, b) => a.row - b.row) };
  }

  discard(session: Session, importId: string): void {
    this.#pending.delete(importId, session.userId);
  }

  #get(session: Session, importId: string): PendingImport {
    const pending = this.#pending.get(importId, session.userId, this.#now());
    if (!pending) throw expired();
    return pending;
  }

  async #validate(pending: PendingImport, mapping: ImportMapping): Promise<ValidatedRow[]> {
    if (mapping.length !== pending.headers.length) throw fieldError('mapping', 'COLUMNS', 'The mapping must name a field or none for every column of the file.');
    const result = await runCsvTask({ kind: 'validate', records: pending.records, mapping });
    if (result.kind !== 'validated') throw new AppError('INTERNAL', 'The file could not be checked.');
    return result.rows;
  }

  async #store<T>(work: (patients: Vault['store']['methods']['patients']) => Promise<T>): Promise<T> {
    try {
      return await work(this.#vault.store.methods.patients);
    } catch (error) {
      throw patientFailure(error);
    }
  }
}
