import type Database from '@signalapp/sqlcipher';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { listAllergies } from '../chart/allergies.node.ts';
import { blobOfDocument, listDocuments } from '../chart/documents.node.ts';
import { listEncounters } from '../chart/encounters.node.ts';
import { listMedications } from '../chart/medications.node.ts';
import { listProblems } from '../chart/problems.node.ts';
import { listVitals } from '../chart/vitals.node.ts';
import { getRow, toPatient } from '../patients/rows.node.ts';
import { appointmentsOfPatient } from '../schedule/reads.node.ts';
import type { ChartDocument } from '../../preload/contract/chart.ts';
import type { ChartSnapshot } from './chart-snapshot.ts';
import { imagingStudiesOf } from './imaging.node.ts';

export function storeId(db: Database): string {
  return db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get() as string;
}

/** Oldest first by a time, ties by id: a bundle reads as the chart's history, in the same order every time. */
function chronological<T extends { id: string }>(items: readonly T[], time: (item: T) => number | string): T[] {
  return [...items].sort((a, b) => {
    const [x, y] = [time(a), time(b)];
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * Everything the export needs about one live patient, read in one
 * transaction with its audit entry (the chart leaves the store). Null for an
 * unknown or merged record.
 */
export function chartSnapshot(db: Database, patientId: string, audit: AuditInput): ChartSnapshot | null {
  const row = getRow(db, patientId);
  if (!row || row.merged_into) return null;
  appendAudit(db, { ...audit, entityType: 'patient', entityId: row.id, patientId: row.id });
  return {
    storeId: storeId(db),
    patient: toPatient(row),
    appointments: chronological(appointmentsOfPatient(db, row.id), (a) => a.start),
    encounters: chronological(listEncounters(db, row.id), (e) => e.at),
    vitals: chronological(listVitals(db, row.id), (v) => v.at),
    problems: chronological(listProblems(db, row.id), (p) => p.createdAt),
    allergies: chronological(listAllergies(db, row.id), (a) => a.createdAt),
    medications: chronological(listMedications(db, row.id), (m) => m.createdAt),
    documents: chronological(listDocuments(db, row.id), (d) => d.date),
    imagingStudies: imagingStudiesOf(db, row.id),
  };
}

/** The encrypted blob holding each document's file, by document id. */
export function documentBlobs(db: Database, documents: readonly ChartDocument[]): Record<string, string> {
  return Object.fromEntries(documents.map((document) => [document.id, blobOfDocument(db, document.id)]));
}
