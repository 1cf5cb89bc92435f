import type Database from '@signalapp/sqlcipher';
import { StoreError } from '../store/errors.ts';

/** A chart write needs a live patient record: not missing, not merged into another one. */
export function requirePatient(db: Database, patientId: string): void {
  const row = db.prepare('SELECT merged_into FROM patients WHERE id = ?').get<{ merged_into: string | null }>([patientId]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'patient' });
  if (row.merged_into) throw new StoreError('CONFLICT', { reason: 'merged' });
}

/** Optimistic concurrency: the caller's copy must be the current one. */
export function requireCurrent(updatedAt: number, expectedUpdatedAt: number): void {
  if (updatedAt !== expectedUpdatedAt) throw new StoreError('CONFLICT', { reason: 'stale' });
}

/** A reference to an encounter must name one of the same patient's live encounters. */
export function requireEncounterOf(db: Database, patientId: string, encounterId: string | null): void {
  if (encounterId === null) return;
  const owner = db.prepare('SELECT patient_id FROM encounters WHERE id = ? AND error_reason IS NULL', { pluck: true }).get([encounterId]);
  if (owner !== patientId) throw new StoreError('NOT_FOUND', { reason: 'encounter-ref' });
}
