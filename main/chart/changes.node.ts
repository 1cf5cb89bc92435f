import type Database from '@signalapp/sqlcipher';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { recordChange } from '../sync/outbox.node.ts';

/** The replicated chart entities, as the outbox and the audit trail name them. */
export type ChartEntity = 'encounter' | 'vital_signs' | 'problem' | 'allergy' | 'medication' | 'document';

interface ChartWrite {
  entity: ChartEntity;
  id: string;
  patientId: string;
  op: 'upsert' | 'delete';
  /** Contract field names: all of them for a create, the changed ones (and updatedAt) for an update, none for a delete. */
  fields: Record<string, unknown>;
  /** Field names or a reason; never the values, which are in the record already. */
  detail?: string | null;
}

/** A chart write's audit entry and outbox row, in the transaction that makes the write. */
export function logChartWrite(db: Database, audit: AuditInput, write: ChartWrite): void {
  appendAudit(db, { ...audit, entityType: write.entity, entityId: write.id, patientId: write.patientId, detail: write.detail ?? null });
  recordChange(db, { entity: write.entity, entityId: write.id, op: write.op, fields: write.fields }, audit.at);
}

/** What a replica needs: everything but the id (the change's entityId). */
export function createFields<T extends { id: string }>(entity: T): Record<string, unknown> {
  const { id: _id, ...fields } = entity;
  return fields;
}

/** The fields whose values differ, plus updatedAt, with their new values. */
export function updateFields<T extends Record<string, unknown>>(before: T, after: T): { names: string[]; fields: Record<string, unknown> } {
  const names = Object.keys(after).filter((key) => key !== 'updatedAt' && JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  return { names, fields: Object.fromEntries([...names, 'updatedAt'].map((key) => [key, after[key]])) };
}
