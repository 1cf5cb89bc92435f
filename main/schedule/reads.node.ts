import type Database from '@signalapp/sqlcipher';
import { MAX_APPOINTMENT_MS, type Appointment, type AppointmentRange, type ResourceKind } from '../../preload/contract/schedule.ts';

type AppointmentRow = {
  id: string;
  patient_id: string;
  mrn: string;
  full_name: string;
  starts_at: number;
  ends_at: number;
  reason: string;
  status: Appointment['status'];
  cancel_reason: string | null;
  checked_in_at: number | null;
  checked_out_at: number | null;
  created_at: number;
  updated_at: number;
};
type LinkRow = { appointment_id: string; id: string; kind: ResourceKind; name: string };

const SELECT = 'SELECT a.*, p.mrn, p.full_name FROM appointments a JOIN patients p ON p.id = a.patient_id';

/** Appointments with their patient summary and resources; two statements, however many rows. */
function views(db: Database, rows: AppointmentRow[]): Appointment[] {
  if (rows.length === 0) return [];
  const links = db
    .prepare(
      `SELECT ar.appointment_id, r.id, r.kind, r.name FROM appointment_resources ar JOIN schedule_resources r ON r.id = ar.resource_id
        WHERE ar.appointment_id IN (SELECT value FROM json_each(?))`,
    )
    .all<LinkRow>([JSON.stringify(rows.map((row) => row.id))]);
  const byAppointment = new Map<string, Omit<LinkRow, 'appointment_id'>[]>();
  for (const { appointment_id, ...resource } of links) byAppointment.set(appointment_id, [...(byAppointment.get(appointment_id) ?? []), resource]);
  return rows.map((row) => {
    const resources = byAppointment.get(row.id) ?? [];
    return {
      id: row.id,
      patient: { id: row.patient_id, mrn: row.mrn, fullName: row.full_name },
      provider: resources.find((r) => r.kind === 'provider')!,
      room: resources.find((r) => r.kind !== 'provider') ?? null,
      start: row.starts_at,
      end: row.ends_at,
      reason: row.reason,
      status: row.status,
      cancelReason: row.cancel_reason,
      checkedInAt: row.checked_in_at,
      checkedOutAt: row.checked_out_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

export function getAppointment(db: Database, id: string): Appointment | null {
  return views(db, db.prepare(`${SELECT} WHERE a.id = ?`).all<AppointmentRow>([id]))[0] ?? null;
}

/**
 * Everything overlapping [from, to). No appointment lasts longer than the
 * maximum, so `starts_at > from - max` bounds the index scan from below.
 */
export function appointmentsInRange(db: Database, range: AppointmentRange): Appointment[] {
  const params = { from: range.from, to: range.to, earliest: range.from - MAX_APPOINTMENT_MS, cancelled: range.includeCancelled ? 1 : 0 };
  const overlapping = range.resourceIds
    ? `a.id IN (SELECT appointment_id FROM appointment_resources WHERE resource_id IN (SELECT value FROM json_each($resourceIds))
         AND starts_at < $to AND ends_at > $from AND starts_at > $earliest)`
    : 'a.starts_at < $to AND a.ends_at > $from AND a.starts_at > $earliest';
  const rows = db
    .prepare(`${SELECT} WHERE ${overlapping} AND ($cancelled OR a.status <> 'cancelled') ORDER BY a.starts_at, a.created_at`)
    .all<AppointmentRow>(range.resourceIds ? { ...params, resourceIds: JSON.stringify(range.resourceIds) } : params);
  return views(db, rows);
}

export function appointmentsOfPatient(db: Database, patientId: string): Appointment[] {
  return views(db, db.prepare(`${SELECT} WHERE a.patient_id = ? ORDER BY a.starts_at DESC`).all<AppointmentRow>([patientId]));
}
