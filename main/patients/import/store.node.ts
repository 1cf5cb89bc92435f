import type Database from '@signalapp/sqlcipher';
import type { ImportDuplicate, ImportReport } from '../../../preload/contract/patient-import.ts';
import { appendAudit, type AuditInput } from '../../audit/queries.node.ts';
import { findDuplicates } from '../duplicates.node.ts';
import { insertPatient } from '../insert.node.ts';
import { columnsOf, type PatientFields, type PatientRow } from '../rows.node.ts';
import { FileRows } from './file-rows.node.ts';

type Columns = ReturnType<typeof columnsOf>;

/** A valid row of the file, ready to register. */
export interface ImportCandidate {
  row: number;
  fullName: string;
  fields: PatientFields;
  /** Carried over from the old system; null to number it as a registration would. */
  mrn: string | null;
}

export interface ImportClassification {
  row: number;
  status: 'ready' | 'duplicate' | 'taken';
  duplicates: ImportDuplicate[];
}

/** The import's own audit entry: counts only, never names or the file's name. */
export interface ImportSummary {
  importId: string;
  rows: number;
  invalid: number;
  encoding: string;
}

const describe = (row: Pick<PatientRow, 'mrn' | 'full_name' | 'birth_date'>, fileRow: number | undefined): Omit<ImportDuplicate, 'reasons'> => ({
  mrn: fileRow === undefined ? row.mrn : null,
  row: fileRow ?? null,
  fullName: row.full_name,
  birthDate: row.birth_date,
});

/**
 * Whether a row can be registered: `taken` if a live record holds its ID, or
 * any record its MRN, as registration would refuse; `duplicate` if
 * registration would warn. `fileRows` names the rows written earlier in this
 * import by patient id, so a match on one of them reads "row 12", not an MRN.
 */
function classify(db: Database, candidate: ImportCandidate, columns: Columns, fileRows: ReadonlyMap<string, number>): ImportClassification {
  const taken: ImportDuplicate[] = [];
  if (columns.id_type && columns.id_value) {
    const holder = db
      .prepare('SELECT * FROM patients WHERE id_value = ? AND id_type = ? AND merged_into IS NULL')
      .get<PatientRow>([columns.id_value, columns.id_type]);
    if (holder) taken.push({ ...describe(holder, fileRows.get(holder.id)), reasons: ['sameIdentifier'] });
  }
  if (candidate.mrn) {
    const holder = db.prepare('SELECT * FROM patients WHERE mrn = ?').get<PatientRow>([candidate.mrn]);
    if (holder) taken.push({ ...describe(holder, fileRows.get(holder.id)), reasons: ['sameMrn'] });
  }
  if (taken.length > 0) return { row: candidate.row, status: 'taken', duplicates: taken };
  const duplicates = findDuplicates(db, candidate.fields, null).map((found) => ({
    mrn: fileRows.has(found.id) ? null : found.mrn,
    row: fileRows.get(found.id) ?? null,
    fullName: found.fullName,
    birthDate: found.birthDate,
    reasons: found.reasons,
  }));
  return { row: candidate.row, status: duplicates.length > 0 ? 'duplicate' : 'ready', duplicates };
}

/**
 * What an import would find, row by row, without writing anything: each row
 * is checked against the register as the import will check it, and against
 * the rows before it in the file by the same rules, in memory.
 */
export function previewImport(db: Database, candidates: readonly ImportCandidate[]): ImportClassification[] {
  const file = new FileRows();
  const none = new Map<string, number>();
  return candidates.map((candidate) => {
    const columns = columnsOf(candidate.fields);
    const registered = classify(db, candidate, columns, none);
    const takenInFile = file.taken(candidate, columns);
    if (registered.status === 'taken' || takenInFile.length > 0) {
      return { row: candidate.row, status: 'taken', duplicates: [...(registered.status === 'taken' ? registered.duplicates : []), ...takenInFile] };
    }
    const duplicates = [...registered.duplicates, ...file.similar(candidate, columns)];
    file.add(candidate, columns);
    return { row: candidate.row, status: duplicates.length > 0 ? 'duplicate' : 'ready', duplicates };
  });
}

/**
 * Registers the rows in the caller's single transaction: all of them or, if
 * anything fails, none. Likely duplicates are skipped unless their row is in
 * `importDuplicates`; rows whose ID or MRN is taken never go in. Each patient
 * gets registration's audit entry and outbox change; the import its own entry
 * with the counts.
 */
export function importPatients(
  db: Database,
  candidates: readonly ImportCandidate[],
  importDuplicates: readonly number[],
  audit: AuditInput,
  summary: ImportSummary,
): ImportReport {
  const allowed = new Set(importDuplicates);
  const fileRows = new Map<string, number>();
  const rows: ImportReport['rows'] = candidates.map((candidate) => {
    const found = classify(db, candidate, columnsOf(candidate.fields), fileRows);
    const base = { row: candidate.row, fullName: candidate.fullName, patientId: null, mrn: null };
    if (found.status === 'taken') return { ...base, outcome: 'taken' as const };
    if (found.status === 'duplicate' && !allowed.has(candidate.row)) return { ...base, outcome: 'skipped' as const };
    const patient = insertPatient(db, candidate.fields, candidate.mrn, audit, `imported from CSV row ${candidate.row}`);
    fileRows.set(patient.id, candidate.row);
    return { ...base, outcome: 'imported' as const, patientId: patient.id, mrn: patient.mrn };
  });
  const count = (outcome: ImportReport['rows'][number]['outcome']) => rows.filter((row) => row.outcome === outcome).length;
  const report = { imported: count('imported'), skipped: count('skipped'), invalid: summary.invalid, taken: count('taken'), rows };
  appendAudit(db, {
    ...audit,
    entityType: 'patient_import',
    entityId: summary.importId,
    detail: `CSV import: ${summary.rows} rows (${summary.encoding}); imported ${report.imported}, duplicates skipped ${report.skipped}, invalid ${report.invalid}, ID or MRN taken ${report.taken}`,
  });
  return report;
}
