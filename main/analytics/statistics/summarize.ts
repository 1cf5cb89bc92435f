import type { Measure, MeasureSummary } from '../../../preload/contract/analytics.ts';

/** Count, mean, median, sample SD, min and max of the values present; the absent ones are counted as missing. */
export function summarizeMeasure(measure: Measure, values: ReadonlyArray<number | null>): MeasureSummary {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const n = present.length;
  const missing = values.length - n;
  if (n === 0) return { measure, n, missing, mean: null, median: null, sd: null, min: null, max: null };
  present.sort((a, b) => a - b);
  let sum = 0;
  for (const value of present) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of present) squares += (value - mean) ** 2;
  const middle = n >> 1;
  return {
    measure,
    n,
    missing,
    mean,
    median: n % 2 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2,
    sd: n > 1 ? Math.sqrt(squares / (n - 1)) : null,
    min: present[0]!,
    max: present[n - 1]!,
  };
}
