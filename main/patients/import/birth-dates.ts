/**
 * Birth dates as spreadsheets and old systems write them, read as YYYY-MM-DD.
 *
 * - Year first: 1990-03-15, 1990/3/15, 1990.3.15, 1990年3月15日, 19900315, optionally followed by a time.
 * - Excel date serials (a date cell saved as its number), four to seven digits: days in Excel's 1900 date
 *   system, which counts a 29 February 1900 that never was, so every serial from March 1900 on is one day more
 *   than a plain count from 1899-12-31 (32874 is 1990-01-01). A fraction (the time of day) is ignored. Shorter
 *   numbers (an age, a code) are not dates; the Mac 1904 system is not guessed at.
 * - Day first with dots: 15.03.1990 (the European way; nobody writes the month first with dots).
 * - Slashes or dashes with the year last (15/03/1990, 03-15-1990): read only when one side is above 12 (or both
 *   are equal); 03/04/1990 could be 3 April or 4 March and is reported as ambiguous.
 *
 * Ambiguous too: a two-digit year (15.03.90: 1990 or 2090?) and a four-digit number between 1900 and 2099 (a
 * year alone, or the serial of a day in 1905–1910?). Other text is passed on unchanged for the
 * registration rules to refuse.
 */
export type BirthDateReading = { date: string } | { ambiguous: true } | { unread: string };

/** Past 9999-12-31 Excel has no dates. */
const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system for serials past the phantom 1900-02-29 (serial 60): one day before its nominal 1899-12-31. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar date, or null. */
function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}


const TIME = String.raw`(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})${TIME}$`);
const SERIAL = /^(\d{4,7})(?:\.\d+)?$/;

export function readBirthDate(cell: string): BirthDateReading {
  const text = cell.normalize('NFKC').trim();
  const yearFirst = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (yearFirst) {
    const [year, month, day] = yearFirst.slice(1, 4).map(Number) as [number, number, number];
    return { date: calendarDate(year, month, day) ?? `${yearFirst[1]}-${pad(month)}-${pad(day)}` };
  }
  const yearLast = YEAR_LAST.exec(text);
  if (yearLast) {
    const [, first, separator, second, year] = yearLast as unknown as [string, string, string, string, string];
    if (year.length === 2) return { ambiguous: true };
    const [a, b] = [Number(first), Number(second)];
    const dayFirst = separator === '.' || a > 12 || a === b;
    if (!dayFirst && b <= 12) return { ambiguous: true };
    const [day, month] = dayFirst ? [a, b] : [b, a];
    return { date: calendarDate(Number(year), month, day) ?? `${year}-${pad(month)}-${pad(day)}` };
  }
  const serial = SERIAL.exec(text);
  if (serial) {
    const days = Number(serial[1]);
    if (serial[1]!.length === 4 && days >= 1900 && days <= 2099) return { ambiguous: true };
    if (days <= MAX_SERIAL) return { date: new Date(SERIAL_EPOCH + days * DAY_MS).toISOString().slice(0, 10) };
  }
  return { unread: text };
}
