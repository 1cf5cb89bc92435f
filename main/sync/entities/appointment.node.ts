import type Database from '@signalapp/sqlcipher';
import type { AppointmentStatus } from '../../../preload/contract/schedule.ts';
import { valuesOf, wallRange, type FieldState } from '../state.node.ts';
import { prepared } from '../statements.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';
import { resolveLive } from './patient-links.node.ts';

type AppointmentValues = {
  patientId?: string;
  providerId?: string;
  roomId?: string | null;
  start?: number;
  end?: number;
  reason?: string;
  status?: AppointmentStatus;
  cancelReason?: string | null;
  checkedInAt?: number | null;
  checkedOutAt?: number | null;
};

/**
 * Appointments and the resources they hold. Two desks may have booked the same
 * slot while apart: both bookings are kept, as the schedule shows overlaps
 * that reached it this way for the front desk to settle.
 */
export const appointmentAdapter: EntityAdapter = {
  entity: 'appointment',
  rank: 20,
  patientField: 'patientId',
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as AppointmentValues;
    const { patientId, providerId, start, end, status } = values;
    if (typeof patientId !== 'string' || typeof providerId !== 'string' || typeof start !== 'number' || typeof end !== 'number' || typeof status !== 'string') return 'pending';
    const patient = resolveLive(db, patientId);
    const roomId = values.roomId ?? null;
    if (patient === null || !resourceExists(db, providerId) || (roomId !== null && !resourceExists(db, roomId))) return 'pending';
    const { first, last } = wallRange(state);
    prepared(
      db,
      `INSERT INTO appointments (id, patient_id, starts_at, ends_at, reason, status, cancel_reason, checked_in_at, checked_out_at, created_at, updated_at)
        VALUES ($id, $patient, $start, $end, $reason, $status, $cancelReason, $checkedInAt, $checkedOutAt, $first, $last)
        ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at, reason = excluded.reason,
          status = excluded.status, cancel_reason = excluded.cancel_reason, checked_in_at = excluded.checked_in_at, checked_out_at = excluded.checked_out_at,
          created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ).run({
      id,
      patient,
      start,
      end,
      reason: values.reason ?? '',
      status,
      // A reason belongs to a cancellation only: a later check-in on another desk outranks the cancel.
      cancelReason: status === 'cancelled' ? (values.cancelReason ?? '') : null,
      checkedInAt: values.checkedInAt ?? null,
      checkedOutAt: values.checkedOutAt ?? null,
      first,
      last,
    });
    db.prepare('DELETE FROM appointment_resources WHERE appointment_id = ?').run([id]);
    const link = db.prepare('INSERT INTO appointment_resources (appointment_id, resource_id, starts_at, ends_at) VALUES (?, ?, ?, ?)');
    for (const resource of roomId === null ? [providerId] : [providerId, roomId]) link.run([id, resource, start, end]);
    return 'written';
  },
};

function resourceExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM schedule_resources WHERE id = ?', { pluck: true }).get([id]) !== undefined;
}
