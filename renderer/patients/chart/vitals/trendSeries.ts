import type { VitalMeasure, VitalSigns } from '../../../../preload/contract/chart.ts';

/** What the trend can plot: blood pressure as one chart of two lines, each other measure alone, and BMI. */
export const TREND_GROUPS = ['bloodPressure', 'heartRate', 'temperature', 'spo2', 'respiratoryRate', 'weight', 'bmi'] as const;
export type TrendGroup = (typeof TREND_GROUPS)[number];

type Plotted = VitalMeasure | 'bmi';
const GROUP_MEASURES: Record<TrendGroup, readonly Plotted[]> = {
  bloodPressure: ['systolic', 'diastolic'],
  heartRate: ['heartRate'],
  temperature: ['temperature'],
  spo2: ['spo2'],
  respiratoryRate: ['respiratoryRate'],
  weight: ['weight'],
  bmi: ['bmi'],
};

export interface TrendSeries {
  measure: Plotted;
  /** [epoch ms, value], oldest first; sets without this measure are skipped, not plotted as zero. */
  points: Array<[number, number]>;
}

export function trendSeries(vitals: readonly VitalSigns[], group: TrendGroup): TrendSeries[] {
  const ordered = [...vitals].sort((a, b) => a.at - b.at);
  return GROUP_MEASURES[group].map((measure) => ({
    measure,
    points: ordered.flatMap((set) => (set[measure] === null ? [] : [[set.at, set[measure]] as [number, number]])),
  }));
}

/** The first group with anything to show, so the trend opens on data. */
export function firstGroupWithData(vitals: readonly VitalSigns[]): TrendGroup {
  return TREND_GROUPS.find((group) => trendSeries(vitals, group).some((series) => series.points.length > 0)) ?? 'bloodPressure';
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The time axis's extent and label format for the plotted points: a lone point gets a day either side, labels
 * show the time within a few days, the year across more than one.
 */
export function timeAxis(series: readonly TrendSeries[]): { min?: number; max?: number; labelFormat: string } {
  const times = series.flatMap((line) => line.points.map(([at]) => at));
  if (times.length === 0) return { labelFormat: 'MM-DD' };
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  const padded = span === 0 ? { min: first - DAY_MS, max: last + DAY_MS } : {};
  return { ...padded, labelFormat: span < 3 * DAY_MS ? 'MM-DD HH:mm' : span > 365 * DAY_MS ? 'YYYY-MM' : 'MM-DD' };
}
