import { MINUTE_MS } from '../appointmentTime.ts';

/** Candidate starts are on this grid. */
const STEP_MS = 15 * MINUTE_MS;

interface Busy {
  start: number;
  end: number;
}

/**
 * Free starts for a slot of `duration` between `from` and `until` on the
 * quarter-hour grid, nearest to `wanted` first (later before earlier at equal
 * distance): what to offer when the wanted time is taken.
 */
export function freeStarts(busy: readonly Busy[], duration: number, wanted: number, from: number, until: number, count: number): number[] {
  const first = Math.ceil(from / STEP_MS) * STEP_MS;
  const free: number[] = [];
  for (let start = first; start + duration <= until; start += STEP_MS) {
    if (start !== wanted && !busy.some((slot) => slot.start < start + duration && slot.end > start)) free.push(start);
  }
  return free
    .sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || b - a)
    .slice(0, count)
    .sort((a, b) => a - b);
}
