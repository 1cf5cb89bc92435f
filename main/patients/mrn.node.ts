import type Database from '@signalapp/sqlcipher';
import { StoreError } from '../store/errors.ts';

/** The clinic's medical record number format: prefix + zero-padded number, e.g. MRN00000042. */
export type MrnFormat = { prefix: string; width: number };
/** The format with this workstation's station: null on a workstation on its own. */
export type StationMrnFormat = MrnFormat & { station: number | null };

/** Digits of the station number at the head of a station's record numbers. */
export const STATION_DIGITS = 2;
export const MAX_STATION = 10 ** STATION_DIGITS - 1;

type CounterRow = MrnFormat & { next: number; station: number | null; station_next: number };

function counter(db: Database): CounterRow {
  return db.prepare('SELECT prefix, width, next, station, station_next FROM mrn_counter WHERE id = 1').get<CounterRow>()!;
}

/** The format as the search box reads numbers: with this workstation's station. */
export function mrnFormat(db: Database): StationMrnFormat {
  const { prefix, width, station } = counter(db);
  return { prefix, width, station };
}

export function formatMrn(format: MrnFormat, number: number): string {
  return format.prefix + String(number).padStart(format.width, '0');
}

/**
 * A station's record number: the prefix, the station's two digits, then its own counter in the remaining width
 * (MRN03000042 is station 3's 42nd). Still prefix + `width` digits, so search, labels and DICOM Patient IDs see
 * the clinic's one format; a counter past its block only makes the number longer, never another station's.
 */
export function formatStationMrn(format: MrnFormat, station: number, number: number): string {
  return format.prefix + String(station).padStart(STATION_DIGITS, '0') + String(number).padStart(format.width - STATION_DIGITS, '0');
}

/**
 * The next free number, taken inside the registering transaction so two registrations never share one. A
 * workstation with a station numbers in its own block; one without (a clinic of one PC) uses the plain counter.
 */
export function nextMrn(db: Database): string {
  const row = counter(db);
  const { number, mrn } = firstUnused(db, row);
  db.prepare(`UPDATE mrn_counter SET ${row.station === null ? 'next' : 'station_next'} = ? WHERE id = 1`).run([number + 1]);
  return mrn;
}

/** The counter's next number not yet used by any record, and its MRN. */
function firstUnused(db: Database, row: CounterRow): { number: number; mrn: string } {
  const format = { prefix: row.prefix, width: row.width };
  const make = row.station === null ? (n: number) => formatMrn(format, n) : (n: number) => formatStationMrn(format, row.station!, n);
  const taken = db.prepare('SELECT 1 FROM patients WHERE mrn = ?', { pluck: true });
  let number = row.station === null ? row.next : row.station_next;
  // Skips numbers already used, e.g. by records imported from an older system in the same format.
  while (taken.get([make(number)])) number++;
  return { number, mrn: make(number) };
}

/**
 * Station numbers no one may take again: this workstation's, those it issued, and the leading digits of every
 * record number in the clinic's format (other stations' numbers arrive by sync; a single PC's plain numbers past
 * a million read as a station too, and are kept clear of).
 */
export function stationsInUse(db: Database): Set<number> {
  const { prefix, width, station } = counter(db);
  const used = new Set<number>(db.prepare('SELECT station FROM mrn_stations_issued', { pluck: true }).all<number>());
  if (station !== null) used.add(station);
  const leading = db
    .prepare(`SELECT DISTINCT substr(mrn, ?, ${STATION_DIGITS}) FROM patients WHERE length(mrn) = ? AND substr(mrn, 1, ?) = ? AND substr(mrn, ?) GLOB '[0-9]*' AND substr(mrn, ?) NOT GLOB '*[^0-9]*'`, { pluck: true })
    .all<string>([prefix.length + 1, prefix.length + width, prefix.length, prefix, prefix.length + 1, prefix.length + 1]);
  for (const digits of leading) if (Number(digits) > 0) used.add(Number(digits));
  return used;
}

function firstFree(used: ReadonlySet<number>): number {
  for (let station = 1; station <= MAX_STATION; station++) if (!used.has(station)) return station;
  throw new StoreError('CONFLICT', { reason: 'no-station-left' });
}

/** This workstation's station, taking the first free one if it has none yet (it is about to share a clinic). */
export function ownStation(db: Database): number {
  const { station } = counter(db);
  if (station !== null) return station;
  const taken = firstFree(stationsInUse(db));
  db.prepare('UPDATE mrn_counter SET station = ?, station_next = 1 WHERE id = 1').run([taken]);
  return taken;
}

/**
 * A station for a workstation this one enrols (sealed into its enrolment file): this workstation takes its own
 * first, then hands out the next one no one uses, and remembers it so a second enrolment gets another.
 */
export function issueStation(db: Database, now: number): number {
  ownStation(db);
  const station = firstFree(stationsInUse(db));
  db.prepare('INSERT INTO mrn_stations_issued (station, issued_at) VALUES (?, ?)').run([station, now]);
  return station;
}

/**
 * Takes the station an enrolment file gave this workstation. A workstation that already has one keeps it, so its
 * numbers stay in one block; `station` null (an enrolment file from before stations) takes the first free one.
 */
export function adoptStation(db: Database, station: number | null): number {
  const own = counter(db).station;
  if (own !== null) return own;
  if (station === null || !Number.isInteger(station) || station < 1 || station > MAX_STATION || stationsInUse(db).has(station)) return ownStation(db);
  db.prepare('UPDATE mrn_counter SET station = ?, station_next = 1 WHERE id = 1').run([station]);
  return station;
}

/** The format as the settings show it, with the number the next registration here would get (nothing is taken). */
export function mrnSettings(db: Database): { prefix: string; width: number; station: number | null; nextMrn: string } {
  const row = counter(db);
  return { prefix: row.prefix, width: row.width, station: row.station, nextMrn: firstUnused(db, row).mrn };
}

/**
 * Changes the prefix or width of the numbers registered from now on; numbers already issued never change. Refused
 * (`too-narrow`) when the width leaves no room for the counter already reached.
 */
export function setMrnFormat(db: Database, format: MrnFormat): void {
  const row = counter(db);
  const digits = row.station === null ? String(row.next).length : STATION_DIGITS + String(row.station_next).length;
  if (format.width < digits) throw new StoreError('CONFLICT', { reason: 'too-narrow', digits });
  db.prepare('UPDATE mrn_counter SET prefix = ?, width = ? WHERE id = 1').run([format.prefix, format.width]);
}
