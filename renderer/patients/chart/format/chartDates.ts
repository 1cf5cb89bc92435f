import dayjs, { type Dayjs } from 'dayjs';

export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function formatAt(at: number, dateOnly = false): string {
  return dayjs(at).format(dateOnly ? DATE_FORMAT : DATE_TIME_FORMAT);
}

/** A form's date-time picker value as the contract's epoch milliseconds (whole minutes). */
export function toInstant(value: Dayjs | null | undefined): number | undefined {
  return value ? value.second(0).millisecond(0).valueOf() : undefined;
}

/** A form's date picker value as the contract's YYYY-MM-DD, null when empty. */
export function toDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

export function fromDate(value: string | null): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** Pickers refuse days after today: these are things that have happened. */
export function isFutureDay(value: Dayjs): boolean {
  return value.isAfter(dayjs(), 'day');
}
