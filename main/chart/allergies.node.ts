import type Database from '@signalapp/sqlcipher';
import type { Allergy, AllergyFields } from '../../preload/contract/chart.ts';
import type { Patient } from '../../preload/contract/patients.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { nextUpdatedAt } from '../patients/timestamps.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { insertEntry, listEntries, removeEntry, updateEntry, type EntryProvenance, type EntryTable } from './entries.node.ts';

const ALLERGIES: EntryTable<AllergyFields> = {
  table: 'allergies',
  entity: 'allergy',
  notFound: 'allergy',
  columns: { substance: 'substance', reaction: 'reaction', severity: 'severity', status: 'status', onset: 'onset', note: 'note' },
  // Active first, the most severe on top.
  order: "status <> 'active', CASE severity WHEN 'severe' THEN 0 WHEN 'moderate' THEN 1 WHEN 'mild' THEN 2 ELSE 3 END, created_at DESC",
};

function hasActiveAllergy(db: Database, patientId: string): boolean {
  return db.prepare("SELECT 1 FROM allergies WHERE patient_id = ? AND status = 'active' AND error_reason IS NULL LIMIT 1", { pluck: true }).get([patientId]) !== undefined;
}

/**
 * Keeps the header's allergy flag coherent with the list: an active allergy makes it "has"; resolving or
 * removing the last active one makes a "has" flag "unknown" (not "none": no known allergies is a clinical
 * statement someone must make). A flag set at registration without listed allergies is left alone.
 */
function syncAllergyFlag(db: Database, patientId: string, hadActive: boolean, audit: AuditInput): void {
  const hasActive = hasActiveAllergy(db, patientId);
  const current = db.prepare('SELECT allergies, updated_at FROM patients WHERE id = ?').get<{ allergies: Patient['allergies']; updated_at: number }>([patientId]);
  if (!current) return;
  const next = hasActive ? 'has' : hadActive && current.allergies === 'has' ? 'unknown' : current.allergies;
  if (next === current.allergies) return;
  const updatedAt = nextUpdatedAt(current.updated_at, audit.at);
  db.prepare('UPDATE patients SET allergies = ?, updated_at = ? WHERE id = ?').run([next, updatedAt, patientId]);
  appendAudit(db, { ...audit, action: 'record.update', entityType: 'patient', entityId: patientId, patientId, detail: 'fields: allergies (from the allergy list)' });
  recordChange(db, { entity: 'patient', entityId: patientId, op: 'upsert', fields: { allergies: next, updatedAt } }, audit.at);
}

/**
 * Row-level insert (FHIR import uses it inside its own transaction); updates the patient's allergy flag.
 * `fields` are `allergyInputSchema`'s output.
 */
export function insertAllergy(db: Database, patientId: string, fields: AllergyFields, audit: AuditInput, provenance?: EntryProvenance): Allergy {
  const hadActive = hasActiveAllergy(db, patientId);
  const allergy = insertEntry(db, ALLERGIES, patientId, fields, audit, provenance);
  syncAllergyFlag(db, patientId, hadActive, audit);
  return allergy;
}

export function updateAllergy(db: Database, id: string, fields: AllergyFields, expectedUpdatedAt: number, audit: AuditInput): Allergy {
  const patientId = patientOf(db, id);
  const hadActive = patientId !== null && hasActiveAllergy(db, patientId);
  const allergy = updateEntry(db, ALLERGIES, id, fields, expectedUpdatedAt, audit);
  syncAllergyFlag(db, allergy.patientId, hadActive, audit);
  return allergy;
}

export function removeAllergy(db: Database, id: string, reason: string, audit: AuditInput): { id: string } {
  const patientId = patientOf(db, id);
  const hadActive = patientId !== null && hasActiveAllergy(db, patientId);
  const removed = removeEntry(db, ALLERGIES, id, reason, audit);
  syncAllergyFlag(db, removed.patientId, hadActive, audit);
  return { id: removed.id };
}

export function listAllergies(db: Database, patientId: string): Allergy[] {
  return listEntries(db, ALLERGIES, patientId);
}

function patientOf(db: Database, id: string): string | null {
  return (db.prepare('SELECT patient_id FROM allergies WHERE id = ?', { pluck: true }).get([id]) as string | undefined) ?? null;
}
