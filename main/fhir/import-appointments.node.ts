import type Database from '@signalapp/sqlcipher';
import type { ImportEntry } from '../../preload/contract/fhir.ts';
import type { ResourceKind } from '../../preload/contract/schedule.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { findOverlap, linkResources } from '../schedule/appointments.node.ts';
import { resourceQueries } from '../schedule/resources.node.ts';
import { HOLDS_SLOT } from '../schedule/transitions.ts';
import { uuidv7 } from '../store/ids.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { skip } from './from-fhir/entries.ts';
import { alreadyThere, created } from './import-chart.node.ts';
import type { PlannedAppointment } from './import-plan.ts';

/** The schedule's provider, room or modality of that name, added (audited, replicated) if the clinic has none yet. */
function resourceId(db: Database, kind: ResourceKind, name: string, audit: AuditInput): string {
  const found = db.prepare('SELECT id FROM schedule_resources WHERE kind = ? AND name = ? COLLATE NOCASE', { pluck: true }).get([kind, name]) as string | undefined;
  if (found) return found;
  return resourceQueries.createResource(db, { id: uuidv7(audit.at), kind, name, userId: null, active: true }, { ...audit, action: 'record.create', detail: 'FHIR import' }).id;
}

/**
 * An imported appointment with its recorded status and times, as the
 * schedule's booking writes one (row, resource links, audit, outbox) but
 * without the booking's clock rules: it is history, not a new booking. A slot
 * it would double-book is refused as the schedule refuses it.
 */
export function importAppointment(db: Database, patientId: string, planned: PlannedAppointment, audit: AuditInput): ImportEntry {
  const type = 'Appointment';
  const there = alreadyThere(db, 'appointments', patientId, planned, type);
  if (there) return there;
  const resourceIds = planned.resources.map((resource) => resourceId(db, resource.kind, resource.name, audit));
  if (HOLDS_SLOT.includes(planned.status) && resourceIds.some((resourceId) => findOverlap(db, resourceId, planned, planned.id))) {
    return skip(planned.index, type, 'double-booked', 'A provider or room is already booked at that time.', '/start');
  }
  const { id } = planned;
  const createdAt = planned.createdAt ?? audit.at;
  db.prepare(
    `INSERT INTO appointments (id, patient_id, starts_at, ends_at, reason, status, cancel_reason, checked_in_at, checked_out_at, created_at, updated_at)
      VALUES ($id, $patientId, $start, $end, $reason, $status, $cancelReason, $checkedInAt, $checkedOutAt, $createdAt, $updatedAt)`,
  ).run({
    id,
    patientId,
    start: planned.start,
    end: planned.end,
    reason: planned.reason,
    status: planned.status,
    cancelReason: planned.cancelReason,
    checkedInAt: planned.checkedInAt,
    checkedOutAt: planned.checkedOutAt,
    createdAt,
    updatedAt: audit.at,
  });
  linkResources(db, id, resourceIds.map((resourceId) => ({ id: resourceId })), planned);
  appendAudit(db, { ...audit, action: 'record.create', entityType: 'appointment', entityId: id, patientId, detail: 'FHIR import' });
  recordChange(
    db,
    {
      entity: 'appointment',
      entityId: id,
      op: 'upsert',
      fields: {
        patientId,
        providerId: resourceIds[0],
        roomId: resourceIds[1] ?? null,
        start: planned.start,
        end: planned.end,
        reason: planned.reason,
        status: planned.status,
        cancelReason: planned.cancelReason,
        checkedInAt: planned.checkedInAt,
        checkedOutAt: planned.checkedOutAt,
      },
    },
    audit.at,
  );
  return created(planned.index, type);
}
