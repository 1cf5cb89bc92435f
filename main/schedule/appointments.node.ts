import type Database from '@signalapp/sqlcipher';
import { MAX_APPOINTMENT_MS, type Appointment, type AppointmentStatus, type Booking, type Reschedule } from '../../preload/contract/schedule.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { getAppointment } from './reads.node.ts';
import { refuse } from './refusals.ts';
import { getResourceRow } from './resources.node.ts';
import { ACTIONS, allowed, HOLDS_SLOT, type StatusAction } from './transitions.ts';

/** A booking as the contract validated it, with the id main assigned. */
export type NewAppointment = Booking & { id: string };

type Slot = { start: number; end: number };
/** A resource as booked, with the request field that named it (for field-level errors). */
type Booked = { id: string; name: string; field: 'providerId' | 'roomId' };

function bookable(db: Database, id: string, field: Booked['field']): Booked {
  const row = getResourceRow(db, id);
  if (!row) throw refuse('NOT_FOUND', 'resource-not-found', { field });
  if ((row.kind === 'provider') !== (field === 'providerId')) throw refuse('CONFLICT', 'wrong-kind', { field });
  if (row.active !== 1) throw refuse('CONFLICT', 'resource-inactive', { field });
  return { id, name: row.name, field };
}

type Overlap = { id: string; starts_at: number; ends_at: number };

/** Another appointment (not `self`) still holding the resource during the slot, the earliest one. */
export function findOverlap(db: Database, resourceId: string, slot: Slot, self: string): Overlap | undefined {
  return db
    .prepare(
      `SELECT a.id, a.starts_at, a.ends_at FROM appointment_resources ar JOIN appointments a ON a.id = ar.appointment_id
        WHERE ar.resource_id = $resourceId AND ar.starts_at < $end AND ar.ends_at > $start AND ar.starts_at > $earliest
          AND a.id <> $self AND a.status IN (SELECT value FROM json_each($holding))
        ORDER BY ar.starts_at LIMIT 1`,
    )
    .get<Overlap>({ resourceId, start: slot.start, end: slot.end, earliest: slot.start - MAX_APPOINTMENT_MS, self, holding: JSON.stringify(HOLDS_SLOT) });
}

/**
 * Refuses a slot that overlaps another appointment still holding a resource.
 * Runs in the transaction that then writes the booking, so two desks cannot
 * both take the slot.
 */
function refuseOverlap(db: Database, resources: readonly Booked[], slot: Slot, self: string): void {
  for (const resource of resources) {
    const hit = findOverlap(db, resource.id, slot, self);
    if (hit) {
      throw refuse('CONFLICT', 'double-booked', {
        appointmentId: hit.id,
        start: hit.starts_at,
        end: hit.ends_at,
        resourceId: resource.id,
        resourceName: resource.name,
        field: resource.field,
      });
    }
  }
}

/** Points the appointment at exactly these resources for its slot. */
export function linkResources(db: Database, appointmentId: string, resources: readonly { id: string }[], slot: Slot): void {
  db.prepare('DELETE FROM appointment_resources WHERE appointment_id = ?').run([appointmentId]);
  const insert = db.prepare('INSERT INTO appointment_resources (appointment_id, resource_id, starts_at, ends_at) VALUES ($appointmentId, $resourceId, $start, $end)');
  for (const resource of resources) insert.run({ appointmentId, resourceId: resource.id, start: slot.start, end: slot.end });
}

type CurrentRow = { patient_id: string; status: AppointmentStatus; starts_at: number };

function current(db: Database, id: string): CurrentRow {
  const row = db.prepare('SELECT patient_id, status, starts_at FROM appointments WHERE id = ?').get<CurrentRow>([id]);
  if (!row) throw refuse('NOT_FOUND', 'appointment-not-found');
  return row;
}

function currentResources(db: Database, id: string): { providerId: string; roomId: string | null } {
  const rows = db
    .prepare('SELECT r.id, r.kind FROM appointment_resources ar JOIN schedule_resources r ON r.id = ar.resource_id WHERE ar.appointment_id = ?')
    .all<{ id: string; kind: string }>([id]);
  return { providerId: rows.find((r) => r.kind === 'provider')!.id, roomId: rows.find((r) => r.kind !== 'provider')?.id ?? null };
}

function resourcesOf(db: Database, providerId: string, roomId: string | null): Booked[] {
  const provider = bookable(db, providerId, 'providerId');
  return roomId === null ? [provider] : [provider, bookable(db, roomId, 'roomId')];
}

/** Booking and the appointment's life cycle. Every change carries its audit entry and outbox row, in the same transaction. */
export const appointmentQueries = {
  book(db: Database, appointment: NewAppointment, audit: AuditInput): Appointment {
    // A merged duplicate is a tombstone: its appointments belong on the surviving record.
    const live = db.prepare('SELECT 1 FROM patients WHERE id = ? AND merged_into IS NULL', { pluck: true }).get([appointment.patientId]);
    if (!live) throw refuse('NOT_FOUND', 'patient-not-found');
    const resources = resourcesOf(db, appointment.providerId, appointment.roomId);
    refuseOverlap(db, resources, appointment, appointment.id);
    db.prepare(
      `INSERT INTO appointments (id, patient_id, starts_at, ends_at, reason, status, created_at, updated_at)
        VALUES ($id, $patientId, $start, $end, $reason, 'booked', $at, $at)`,
    ).run({ id: appointment.id, patientId: appointment.patientId, start: appointment.start, end: appointment.end, reason: appointment.reason, at: audit.at });
    linkResources(db, appointment.id, resources, appointment);
    appendAudit(db, { ...audit, entityType: 'appointment', entityId: appointment.id, patientId: appointment.patientId });
    const { id, ...fields } = appointment;
    recordChange(db, { entity: 'appointment', entityId: id, op: 'upsert', fields: { ...fields, status: 'booked' } }, audit.at);
    return getAppointment(db, id)!;
  },

  /** New times, and optionally new resources, for a booked appointment: an absent resource stays, a null room is released. */
  reschedule(db: Database, move: Reschedule, audit: AuditInput): Appointment {
    const row = current(db, move.id);
    if (!allowed('reschedule', row.status)) throw refuse('CONFLICT', 'transition', { action: 'reschedule', from: row.status });
    const before = currentResources(db, move.id);
    const providerId = move.providerId ?? before.providerId;
    const roomId = move.roomId === undefined ? before.roomId : move.roomId;
    const resources = resourcesOf(db, providerId, roomId);
    refuseOverlap(db, resources, move, move.id);
    db.prepare('UPDATE appointments SET starts_at = $start, ends_at = $end, updated_at = $at WHERE id = $id').run({ id: move.id, start: move.start, end: move.end, at: audit.at });
    linkResources(db, move.id, resources, move);
    appendAudit(db, { ...audit, entityType: 'appointment', entityId: move.id, patientId: row.patient_id, detail: 'rescheduled' });
    recordChange(db, { entity: 'appointment', entityId: move.id, op: 'upsert', fields: { start: move.start, end: move.end, providerId, roomId } }, audit.at);
    return getAppointment(db, move.id)!;
  },

  /** Check-in, check-out, cancellation (with its reason) and no-show. */
  setStatus(db: Database, id: string, action: StatusAction, cancelReason: string | null, audit: AuditInput): Appointment {
    const row = current(db, id);
    if (!allowed(action, row.status)) throw refuse('CONFLICT', 'transition', { action, from: row.status });
    // Marking a no-show early would free a slot the patient may still arrive for.
    if (action === 'noShow' && audit.at < row.starts_at) throw refuse('CONFLICT', 'not-started');
    const change = {
      status: ACTIONS[action].to,
      cancelReason: action === 'cancel' ? cancelReason : null,
      checkedInAt: action === 'checkIn' ? audit.at : null,
      checkedOutAt: action === 'checkOut' ? audit.at : null,
    };
    db.prepare(
      `UPDATE appointments SET status = $status, cancel_reason = $cancelReason, updated_at = $at,
        checked_in_at = coalesce($checkedInAt, checked_in_at), checked_out_at = coalesce($checkedOutAt, checked_out_at)
        WHERE id = $id`,
    ).run({ ...change, id, at: audit.at });
    appendAudit(db, { ...audit, entityType: 'appointment', entityId: id, patientId: row.patient_id, detail: `${row.status} → ${change.status}` });
    const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== null));
    recordChange(db, { entity: 'appointment', entityId: id, op: 'upsert', fields }, audit.at);
    return getAppointment(db, id)!;
  },
};
