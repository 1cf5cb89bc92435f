import type Database from '@signalapp/sqlcipher';
import type { Medication, MedicationFields } from '../../preload/contract/chart.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { insertEntry, listEntries, removeEntry, updateEntry, type EntryProvenance, type EntryTable } from './entries.node.ts';

const MEDICATIONS: EntryTable<MedicationFields> = {
  table: 'medications',
  entity: 'medication',
  notFound: 'medication',
  columns: { name: 'name', dose: 'dose', route: 'route', frequency: 'frequency', start_date: 'start', end_date: 'end', status: 'status', note: 'note' },
  // Active first, then the most recently started.
  order: "status <> 'active', start_date IS NULL, start_date DESC, created_at DESC",
};

/** Row-level insert (FHIR import uses it inside its own transaction). `fields` are `medicationInputSchema`'s output. */
export function insertMedication(db: Database, patientId: string, fields: MedicationFields, audit: AuditInput, provenance?: EntryProvenance): Medication {
  return insertEntry(db, MEDICATIONS, patientId, fields, audit, provenance);
}

export function updateMedication(db: Database, id: string, fields: MedicationFields, expectedUpdatedAt: number, audit: AuditInput): Medication {
  return updateEntry(db, MEDICATIONS, id, fields, expectedUpdatedAt, audit);
}

export function removeMedication(db: Database, id: string, reason: string, audit: AuditInput): { id: string } {
  return { id: removeEntry(db, MEDICATIONS, id, reason, audit).id };
}

export function listMedications(db: Database, patientId: string): Medication[] {
  return listEntries(db, MEDICATIONS, patientId);
}
