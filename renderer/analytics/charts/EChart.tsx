import * as echarts from 'echarts';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export interface EChartHandle {
  /** The chart as a PNG data URL, on a white background, for export. */
  toPng(): string | null;
}

interface Props {
  option: echarts.EChartsOption;
  height?: number;
  testId: string;
}

/** Apache ECharts in a div: created once, updated with each option, resized with its box, disposed on unmount. */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, height = 320, testId }, ref) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const box = element.current!;
    const instance = echarts.init(box, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(ref, () => ({ toPng: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null }), []);

  return <div ref={element} style={{ width: '100%', height }} data-testid={testId} />;
});
