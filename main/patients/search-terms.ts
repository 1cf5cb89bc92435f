import { formatMrn, formatStationMrn, STATION_DIGITS, type MrnFormat, type StationMrnFormat } from './mrn.node.ts';
import { nameKey } from './names.ts';
import { phoneKey } from './phones.ts';

/** What a search box query can mean, recognised by its shape; a query may mean several things at once. */
export interface SearchTerms {
  /** A name or part of one, normalised as names are (names.ts). */
  name: string | null;
  /** Latin letters only, for full pinyin ("zhang san" → "zhangsan") and initials ("zs"). */
  pinyin: string | null;
  /** A medical record number or its beginning, upper case; bare digits are padded to the clinic's format. */
  mrn: string | null;
  /** Bare digits short enough to be a counter, as this workstation's station numbers it ("42" → MRN03000042). */
  stationMrn: string | null;
  /** The beginning of a phone number, as phones.ts normalises it. */
  phone: string | null;
  /** An identifier or its beginning, upper case. */
  identifier: string | null;
  /** A birth date typed as YYYY-MM-DD or YYYYMMDD, as YYYY-MM-DD. */
  birthDate: string | null;
}

const PHONE_MIN_DIGITS = 3;

/** Null for an empty query: the caller lists recently seen patients instead. */
export function searchTerms(query: string, mrn: StationMrnFormat): SearchTerms | null {
  const text = query.normalize('NFKC').trim();
  if (!text) return null;
  const name = /\p{L}/u.test(text) ? nameKey(text) : null;
  const letters = name?.replace(/[\s']/g, '').replaceAll('ü', 'v') ?? '';
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  const digits = /^\+?[\d\s-]+$/.test(text) ? phoneKey(text) : null;
  return {
    name,
    pinyin: /^[a-z]+$/.test(letters) ? letters : null,
    mrn: mrnTerm(compact, mrn),
    stationMrn: stationMrnTerm(compact, mrn),
    phone: digits && digits.length >= PHONE_MIN_DIGITS ? digits : null,
    identifier: /^[0-9A-Z]{6,40}$/.test(compact) && /\d/.test(compact) ? compact : null,
    birthDate: birthDateTerm(compact),
  };
}

/** "MRN000000" as the beginning of a record number; "42", "00000042" and "MRN42" as the number they name. */
function mrnTerm(compact: string, format: MrnFormat): string | null {
  const number = compact.startsWith(format.prefix) ? compact.slice(format.prefix.length) : compact;
  if (!/^\d+$/.test(number)) return null;
  if (number === compact) return number.length <= format.width ? formatMrn(format, Number(number)) : null;
  return /^[1-9]/.test(number) && number.length < format.width ? formatMrn(format, Number(number)) : compact;
}

function stationMrnTerm(compact: string, format: StationMrnFormat): string | null {
  if (format.station === null || !/^\d+$/.test(compact) || compact.length > format.width - STATION_DIGITS) return null;
  return formatStationMrn(format, format.station, Number(compact));
}

function birthDateTerm(compact: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.toISOString().slice(0, 10) : null;
}
