import type Database from '@signalapp/sqlcipher';
import type { ImportEntry, ImportReport } from '../../preload/contract/fhir.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import type { QueryModule } from '../store/interface.ts';
import type { ChartSnapshot } from './chart-snapshot.ts';
import { importAppointment } from './import-appointments.node.ts';
import { importDocument, importEncounter, importListEntry, importVitals } from './import-chart.node.ts';
import type { StoredPlan } from './import-plan.ts';
import { importPatient } from './import-patient.node.ts';
import { chartSnapshot, documentBlobs } from './reads.node.ts';

function countOutcomes(entries: readonly ImportEntry[]): ImportReport['counts'] {
  const counts = { created: 0, matched: 0, present: 0, skipped: 0 };
  for (const entry of entries) counts[entry.outcome]++;
  return counts;
}

/** An entry's outcome, and the same outcome for the entries read into it. */
function withParts(entry: ImportEntry, parts: readonly { index: number; resourceType: string }[]): ImportEntry[] {
  return [entry, ...parts.map((part) => ({ ...entry, index: part.index, resourceType: part.resourceType, reason: entry.outcome === 'matched' ? null : entry.reason }))];
}

/** The fhir store methods: `store.methods.fhir.…`. Each runs in one transaction, audit entries and outbox rows included. */
export const fhirQueries = {
  /** The chart to export, read with its audit entry; null for an unknown or merged patient. */
  snapshot(db: Database, patientId: string, audit: AuditInput): ChartSnapshot | null {
    return chartSnapshot(db, patientId, audit);
  },

  /** The export's read: the snapshot, and the blob behind each of its documents (by document id) for their content. */
  exportSnapshot(db: Database, patientId: string, audit: AuditInput): { chart: ChartSnapshot; blobs: Record<string, string> } | null {
    const chart = chartSnapshot(db, patientId, audit);
    return chart && { chart, blobs: documentBlobs(db, chart.documents) };
  },

  /**
   * Writes an import plan: the patient matched or registered, then the chart
   * through the same row-level inserts as the app's own writes (audit, outbox,
   * search keys). Appointments before the encounters that name them, those
   * before the vital signs and documents that name them. All or nothing: a failure rolls
   * the whole import back.
   */
  importChart(db: Database, plan: StoredPlan, audit: AuditInput): ImportReport {
    const match = importPatient(db, plan.patient, audit);
    const patientId = match.patient.id;
    const patientEntry: ImportEntry = {
      index: plan.patient.index,
      resourceType: 'Patient',
      outcome: match.outcome,
      reason: match.by ? (`matched-${match.by}` as const) : null,
      path: null,
      message: null,
    };
    const entries = [
      ...withParts(patientEntry, plan.patient.parts),
      ...plan.appointments.map((planned) => importAppointment(db, patientId, planned, audit)),
      ...plan.encounters.flatMap((planned) => withParts(importEncounter(db, patientId, planned, audit), planned.parts)),
      ...plan.vitals.flatMap((planned) => withParts(importVitals(db, patientId, planned, audit), planned.parts)),
      ...plan.problems.map((planned) => importListEntry(db, 'problems', patientId, planned, audit)),
      ...plan.allergies.map((planned) => importListEntry(db, 'allergies', patientId, planned, audit)),
      ...plan.medications.map((planned) => importListEntry(db, 'medications', patientId, planned, audit)),
      ...plan.documents.map((planned) => importDocument(db, patientId, planned, audit)),
      ...plan.skipped,
    ].sort((a, b) => a.index - b.index);
    return { patient: { id: patientId, mrn: match.patient.mrn, outcome: match.outcome }, entries, counts: countOutcomes(entries) };
  },
} satisfies QueryModule;
