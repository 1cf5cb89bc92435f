import { randomInt } from 'node:crypto';
import type Database from '@signalapp/sqlcipher';

/** Up to a year either way, never zero. */
const MAX_SHIFT_DAYS = 365;

/** The patient's date shift, drawn at random the first time and kept, so every output shifts this patient's dates alike. */
export function dateShiftFor(db: Database, patientId: string, now: number): number {
  const existing = db.prepare('SELECT shift_days FROM deid_date_shifts WHERE patient_id = ?', { pluck: true }).get([patientId]);
  if (typeof existing === 'number') return existing;
  const days = randomInt(1, MAX_SHIFT_DAYS + 1) * (randomInt(2) ? 1 : -1);
  db.prepare('INSERT INTO deid_date_shifts (patient_id, shift_days, created_at) VALUES (?, ?, ?)').run([patientId, days, now]);
  return days;
}
