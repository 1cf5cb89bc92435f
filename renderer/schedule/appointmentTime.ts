import dayjs from 'dayjs';

export const MINUTE_MS = 60_000;

/** "09:00–09:30"; the end carries its date when it falls on another day. */
export function timeRange(start: number, end: number): string {
  const from = dayjs(start);
  const to = dayjs(end);
  return `${from.format('HH:mm')}–${to.isSame(from, 'day') ? to.format('HH:mm') : to.format('MM-DD HH:mm')}`;
}

/** "2026-11-26 09:00–09:30". */
export function dateTimeRange(start: number, end: number): string {
  return `${dayjs(start).format('YYYY-MM-DD')} ${timeRange(start, end)}`;
}

export function durationMinutes(start: number, end: number): number {
  return Math.round((end - start) / MINUTE_MS);
}
