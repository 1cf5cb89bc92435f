import dayjs from 'dayjs';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { durationMinutes, MINUTE_MS } from '../appointmentTime.ts';

/** The booking form's fields; date and time as the native inputs give them. */
export interface BookingValues {
  patientId: string;
  providerId: string;
  roomId?: string | null;
  date: string;
  time: string;
  duration: number;
  reason?: string;
}

export const DURATIONS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480];
export const DEFAULT_DURATION = 15;

/** Where a new booking starts: a slot picked on the calendar, or the next quarter hour. */
export interface BookingStart {
  patient?: { id: string; fullName: string; mrn: string };
  providerId?: string;
  roomId?: string;
  start?: number;
}

export function newBookingValues(start: BookingStart): Partial<BookingValues> {
  const at = dayjs(start.start ?? Math.ceil(Date.now() / (15 * MINUTE_MS)) * 15 * MINUTE_MS);
  return { patientId: start.patient?.id, providerId: start.providerId, roomId: start.roomId ?? null, date: at.format('YYYY-MM-DD'), time: at.format('HH:mm'), duration: DEFAULT_DURATION, reason: '' };
}

export function rescheduleValues(appointment: Appointment): Partial<BookingValues> {
  const at = dayjs(appointment.start);
  return {
    patientId: appointment.patient.id,
    providerId: appointment.provider.id,
    roomId: appointment.room?.id ?? null,
    date: at.format('YYYY-MM-DD'),
    time: at.format('HH:mm'),
    duration: durationMinutes(appointment.start, appointment.end),
    reason: appointment.reason,
  };
}

/** The slot the form names, in epoch milliseconds of this workstation's time zone. */
export function slotOf(values: Pick<BookingValues, 'date' | 'time' | 'duration'>): { start: number; end: number } {
  const start = dayjs(`${values.date}T${values.time}`).valueOf();
  return { start, end: start + values.duration * MINUTE_MS };
}

/** Main's request paths on the form's fields. */
export const BOOKING_FIELD_NAMES: Readonly<Record<string, string>> = { start: 'time', end: 'duration' };
