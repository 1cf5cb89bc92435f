import type Database from '@signalapp/sqlcipher';
import type { ImportEntry } from '../../preload/contract/fhir.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { insertAllergy } from '../chart/allergies.node.ts';
import { insertDocument, type DocumentContent } from '../chart/documents.node.ts';
import { insertEncounter } from '../chart/encounters.node.ts';
import type { EntryProvenance } from '../chart/entries.node.ts';
import { insertMedication } from '../chart/medications.node.ts';
import { insertProblem } from '../chart/problems.node.ts';
import { insertVitals } from '../chart/vitals.node.ts';
import { uuidv7 } from '../store/ids.ts';
import { skip } from './from-fhir/entries.ts';
import type { PlannedDocument, PlannedEncounter, PlannedEntry, PlannedVitals } from './import-plan.ts';

type Table = 'appointments' | 'encounters' | 'vital_signs' | 'problems' | 'allergies' | 'medications' | 'chart_documents';

/** Whose row of `table` has this id: the same patient's (already imported or replicated), another's, or none. */
export function ownerOf(db: Database, table: Table, id: string): string | undefined {
  return db.prepare(`SELECT patient_id FROM ${table} WHERE id = ?`, { pluck: true }).get([id]) as string | undefined;
}

/** An entry already in the store (present), one whose id another patient's row holds (skipped), or null to write it. */
export function alreadyThere(db: Database, table: Table, patientId: string, planned: { index: number; id: string }, resourceType: string): ImportEntry | null {
  const owner = ownerOf(db, table, planned.id);
  if (owner === undefined) return null;
  if (owner === patientId) return { index: planned.index, resourceType, outcome: 'present', reason: null, path: null, message: null };
  return skip(planned.index, resourceType, 'id-conflict', 'Another patient’s record has this id.');
}

export const created = (index: number, resourceType: string): ImportEntry => ({ index, resourceType, outcome: 'created', reason: null, path: null, message: null });

/** A reference kept only if it names the same patient's row (an entry the import skipped leaves it unset). */
function ownRow(db: Database, table: Table, patientId: string, id: string | null): string | null {
  return id !== null && ownerOf(db, table, id) === patientId ? id : null;
}

export function importEncounter(db: Database, patientId: string, planned: PlannedEncounter, audit: AuditInput): ImportEntry {
  const there = alreadyThere(db, 'encounters', patientId, planned, 'Encounter');
  if (there) return there;
  const addendumTaken = db.prepare('SELECT 1 FROM encounter_addenda WHERE id = ?', { pluck: true });
  insertEncounter(db, patientId, { ...planned.fields, appointmentId: ownRow(db, 'appointments', patientId, planned.fields.appointmentId) }, audit, {
    id: planned.id,
    provider: { resourceId: null, userId: null, name: planned.providerName || planned.author?.name || '' },
    ...(planned.author ? { author: planned.author } : {}),
    status: planned.status,
    signedAt: planned.signedAt,
    signedBy: planned.signedBy,
    addenda: planned.addenda.map((addendum) => (addendumTaken.get([addendum.id]) ? { ...addendum, id: uuidv7(addendum.at) } : addendum)),
    ...(planned.createdAt !== null ? { createdAt: planned.createdAt } : {}),
  });
  return created(planned.index, 'Encounter');
}

export function importVitals(db: Database, patientId: string, planned: PlannedVitals, audit: AuditInput): ImportEntry {
  const there = alreadyThere(db, 'vital_signs', patientId, planned, 'Observation');
  if (there) return there;
  insertVitals(db, patientId, { ...planned.fields, encounterId: ownRow(db, 'encounters', patientId, planned.fields.encounterId) }, audit, provenance(planned));
  return created(planned.index, 'Observation');
}

function provenance(planned: PlannedEntry<unknown> | PlannedVitals): EntryProvenance {
  return { id: planned.id, ...(planned.recordedBy ? { recordedBy: planned.recordedBy } : {}), ...(planned.createdAt !== null ? { createdAt: planned.createdAt } : {}) };
}

const LISTS = {
  problems: { table: 'problems', resourceType: 'Condition', insert: insertProblem },
  allergies: { table: 'allergies', resourceType: 'AllergyIntolerance', insert: insertAllergy },
  medications: { table: 'medications', resourceType: 'MedicationStatement', insert: insertMedication },
} as const;

/** A problem, allergy or medication through the chart's own row-level insert. */
export function importListEntry<K extends keyof typeof LISTS>(db: Database, list: K, patientId: string, planned: PlannedEntry<Parameters<(typeof LISTS)[K]['insert']>[2]>, audit: AuditInput): ImportEntry {
  const { table, resourceType, insert } = LISTS[list];
  const there = alreadyThere(db, table, patientId, planned, resourceType);
  if (there) return there;
  (insert as (db: Database, patientId: string, fields: unknown, audit: AuditInput, provenance: EntryProvenance) => unknown)(db, patientId, planned.fields, audit, provenance(planned));
  return created(planned.index, resourceType);
}

/** A document whose file is already in the blob store, through the chart's own insert. */
export function importDocument(db: Database, patientId: string, planned: PlannedDocument<DocumentContent>, audit: AuditInput): ImportEntry {
  const there = alreadyThere(db, 'chart_documents', patientId, planned, 'DocumentReference');
  if (there) return there;
  insertDocument(db, patientId, { ...planned.fields, encounterId: ownRow(db, 'encounters', patientId, planned.fields.encounterId) }, planned.content, audit, provenance(planned));
  return created(planned.index, 'DocumentReference');
}
