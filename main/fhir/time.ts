/** FHIR instants and dateTimes in UTC: the store keeps epoch milliseconds, and UTC keeps an export byte-stable across time zones. */
export function toInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of a FHIR dateTime or instant that carries a time and zone; null for a bare date or an unparsable value. */
export function fromInstant(value: string | undefined): number | null {
  if (!value || !/T\d\d:\d\d/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
