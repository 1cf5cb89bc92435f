import type { VitalMeasure } from '../statistics/rows.node.ts';

/**
 * Values outside these bounds are recorded errors or units mixed up (a
 * temperature in °F, a height in metres), not rare patients. Wider than the
 * chart's entry validation, so imported and replicated data is checked too.
 */
export const PLAUSIBLE: Readonly<Record<VitalMeasure, readonly [min: number, max: number]>> = {
  systolic: [50, 260],
  diastolic: [20, 160],
  heartRate: [20, 250],
  temperature: [30, 44],
  spo2: [50, 100],
  respiratoryRate: [4, 70],
  height: [30, 250],
  weight: [0.5, 400],
  bmi: [8, 80],
};

/** BMI recorded vs computed from the same row's height (cm) and weight (kg): more apart than this is a mismatch. */
export const BMI_TOLERANCE = 1;

export const MAX_AGE_YEARS = 120;
