import type Database from '@signalapp/sqlcipher';
import type { CdsDraft, DraftEntry } from '../../../preload/contract/analytics.ts';
import { appendAudit, type AuditInput } from '../../audit/queries.node.ts';
import { insertAllergy } from '../../chart/allergies.node.ts';
import { insertMedication } from '../../chart/medications.node.ts';
import { insertProblem } from '../../chart/problems.node.ts';
import { StoreError } from '../../store/errors.ts';
import { draftProposal } from './draft-proposal.ts';

type DraftRow = {
  id: string;
  card_id: string;
  patient_id: string;
  resource_type: string;
  resource: string;
  status: CdsDraft['status'];
  created_by_name: string;
  created_at: number;
  reviewed_by_name: string | null;
  reviewed_at: number | null;
  discard_reason: string | null;
  applied_entity: 'problem' | 'medication' | 'allergy' | null;
  applied_entry_id: string | null;
};

/** The patient's date shift (none drawn yet: the service saw no dates of this patient's shifted). */
function shiftOf(db: Database, patientId: string): number {
  const days = db.prepare('SELECT shift_days FROM deid_date_shifts WHERE patient_id = ?', { pluck: true }).get([patientId]);
  return typeof days === 'number' ? days : 0;
}

function toDraft(row: DraftRow, shiftDays: number): CdsDraft {
  const resource = JSON.parse(row.resource) as Record<string, unknown>;
  return {
    id: row.id,
    cardId: row.card_id,
    resourceType: row.resource_type,
    resource,
    proposal: draftProposal(resource, shiftDays),
    status: row.status,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    reviewedByName: row.reviewed_by_name,
    reviewedAt: row.reviewed_at,
    discardReason: row.discard_reason,
    applied: row.applied_entity && row.applied_entry_id ? { kind: row.applied_entity, id: row.applied_entry_id } : null,
  };
}

/** A patient's drafts, those waiting for review first, newest first. */
export function draftsOf(db: Database, patientId: string): CdsDraft[] {
  const shift = shiftOf(db, patientId);
  return db
    .prepare("SELECT * FROM cds_drafts WHERE patient_id = ? ORDER BY status <> 'draft', created_at DESC, id")
    .all<DraftRow>([patientId])
    .map((row) => toDraft(row, shift));
}

/** The draft, still waiting for review: one reviewed already (here or in another window) is refused. */
function pendingDraft(db: Database, draftId: string): DraftRow {
  const row = db.prepare('SELECT * FROM cds_drafts WHERE id = ?').get<DraftRow>([draftId]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'draft-not-found' });
  if (row.status !== 'draft') throw new StoreError('CONFLICT', { reason: 'draft-reviewed' });
  return row;
}

function reviewed(db: Database, draftId: string): CdsDraft {
  const row = db.prepare('SELECT * FROM cds_drafts WHERE id = ?').get<DraftRow>([draftId])!;
  return toDraft(row, shiftOf(db, row.patient_id));
}

/**
 * Applies a draft as reviewed: the chart entry is created by the chart's own
 * insert (its audit entry and replicated change), and the draft records what
 * it became and who reviewed it, audited, all in this one transaction.
 * `audit` is the reviewer's; its action is set per entry.
 */
export function applyDraft(db: Database, draftId: string, entry: DraftEntry, reviewerName: string, audit: AuditInput): CdsDraft {
  const draft = pendingDraft(db, draftId);
  const create = { ...audit, action: 'record.create' as const };
  const created =
    entry.kind === 'problem'
      ? insertProblem(db, draft.patient_id, entry.problem, create)
      : entry.kind === 'medication'
        ? insertMedication(db, draft.patient_id, entry.medication, create)
        : insertAllergy(db, draft.patient_id, entry.allergy, create);
  db.prepare(
    "UPDATE cds_drafts SET status = 'applied', reviewed_by_user_id = ?, reviewed_by_name = ?, reviewed_at = ?, applied_entity = ?, applied_entry_id = ? WHERE id = ?",
  ).run([audit.userId, reviewerName, audit.at, entry.kind, created.id, draftId]);
  appendAudit(db, { ...audit, action: 'record.update', entityType: 'cds-draft', entityId: draftId, patientId: draft.patient_id, detail: `applied as ${entry.kind} ${created.id}` });
  return reviewed(db, draftId);
}

/** Discards a draft with the reviewer's reason, audited; the chart is untouched. */
export function discardDraft(db: Database, draftId: string, reason: string, reviewerName: string, audit: AuditInput): CdsDraft {
  const draft = pendingDraft(db, draftId);
  db.prepare("UPDATE cds_drafts SET status = 'discarded', reviewed_by_user_id = ?, reviewed_by_name = ?, reviewed_at = ?, discard_reason = ? WHERE id = ?").run([
    audit.userId,
    reviewerName,
    audit.at,
    reason,
    draftId,
  ]);
  appendAudit(db, { ...audit, action: 'record.update', entityType: 'cds-draft', entityId: draftId, patientId: draft.patient_id, detail: 'discarded' });
  return reviewed(db, draftId);
}
