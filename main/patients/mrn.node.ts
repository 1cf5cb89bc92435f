import type Database from '@signalapp/sqlcipher';

/** The clinic's medical record number format: prefix + zero-padded number, e.g. MRN00000042. */
export type MrnFormat = { prefix: string; width: number };

export function mrnFormat(db: Database): MrnFormat {
  return db.prepare('SELECT prefix, width FROM mrn_counter WHERE id = 1').get<MrnFormat>()!;
}

export function formatMrn(format: MrnFormat, number: number): string {
  return format.prefix + String(number).padStart(format.width, '0');
}

/** The next free number, taken inside the registering transaction so two registrations never share one. */
export function nextMrn(db: Database): string {
  const { prefix, width, next } = db.prepare('SELECT prefix, width, next FROM mrn_counter WHERE id = 1').get<MrnFormat & { next: number }>()!;
  const taken = db.prepare('SELECT 1 FROM patients WHERE mrn = ?', { pluck: true });
  let number = next;
  // Skips numbers already used, e.g. by records imported from an older system in the same format.
  while (taken.get([formatMrn({ prefix, width }, number)])) number++;
  db.prepare('UPDATE mrn_counter SET next = ? WHERE id = 1').run([number + 1]);
  return formatMrn({ prefix, width }, number);
}
