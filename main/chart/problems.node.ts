import type Database from '@signalapp/sqlcipher';
import type { Problem, ProblemFields } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { insertEntry, listEntries, removeEntry, updateEntry, type EntryProvenance, type EntryTable } from './entries.node.ts';

const PROBLEMS: EntryTable<ProblemFields> = {
  table: 'problems',
  entity: 'problem',
  notFound: 'problem',
  columns: { code: 'code', text: 'text', onset: 'onset', status: 'status', resolved_on: 'resolvedOn', note: 'note' },
  // Active first, then by onset (unknown onsets last), newest first.
  order: "status = 'resolved', onset IS NULL, onset DESC, created_at DESC",
};

/** Row-level insert (FHIR import uses it inside its own transaction). `fields` are `problemInputSchema`'s output. */
export function insertProblem(db: Database, patientId: string, fields: ProblemFields, audit: AuditInput, provenance?: EntryProvenance): Problem {
  return insertEntry(db, PROBLEMS, patientId, fields, audit, provenance);
}

export function updateProblem(db: Database, id: string, fields: ProblemFields, expectedUpdatedAt: number, audit: AuditInput): Problem {
  return updateEntry(db, PROBLEMS, id, fields, expectedUpdatedAt, audit);
}

export function removeProblem(db: Database, id: string, reason: string, audit: AuditInput): { id: string } {
  return { id: removeEntry(db, PROBLEMS, id, reason, audit).id };
}

export function listProblems(db: Database, patientId: string): Problem[] {
  return listEntries(db, PROBLEMS, patientId);
}
