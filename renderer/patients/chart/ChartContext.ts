import { createContext, useContext } from 'react';
import type { Chart } from '../../../preload/contract/chart.ts';

/** What every chart area needs: the chart as last read, and how to read it again after a change. */
export interface ChartView {
  readonly chart: Chart;
  /** Re-reads the chart; after an allergy change, the patient header too (its allergy flag follows the list). */
  readonly changed: (options?: { patient?: boolean }) => void;
}

export const ChartContext = createContext<ChartView | null>(null);

export function useChartView(): ChartView {
  const view = useContext(ChartContext);
  if (!view) throw new Error('useChartView needs a ChartContext above it.');
  return view;
}
