const DAY_MS = 24 * 60 * 60_000;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether a FHIR string is a date, dateTime or instant (full or partial), i.e. something to shift. */
export function isFhirDate(value: string): boolean {
  return FULL_DATE.test(value) || YEAR_MONTH.test(value) || INSTANT.test(value) || /^\d{4}$/.test(value);
}

/**
 * A FHIR date, dateTime or instant moved by whole days, keeping its precision.
 * A year-month moves with its 15th day; a bare year is too coarse to identify
 * and stays. Times keep their clock time (in UTC).
 */
export function shiftFhirDate(value: string, days: number): string {
  const full = FULL_DATE.exec(value);
  if (full) return new Date(Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3])) + days * DAY_MS).toISOString().slice(0, 10);
  const month = YEAR_MONTH.exec(value);
  if (month) return new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15) + days * DAY_MS).toISOString().slice(0, 7);
  if (INSTANT.test(value)) return new Date(Date.parse(value) + days * DAY_MS).toISOString();
  return value;
}
