import { Empty, Segmented, theme } from 'antd';
import { LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { VITAL_RANGES, type VitalSigns } from '../../../../preload/contract/chart.ts';
import { TREND_GROUPS, firstGroupWithData, timeAxis, trendSeries, type TrendGroup } from './trendSeries.ts';

echarts.use([LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * The trend of one measure (or blood pressure's pair) over time, with ECharts.
 * Test ids: `vitals-trend` (its `data-points` counts the plotted points), `vitals-trend-group`.
 */
export function VitalsTrend({ vitals }: { vitals: readonly VitalSigns[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [group, setGroup] = useState<TrendGroup>(() => firstGroupWithData(vitals));
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const series = useMemo(() => trendSeries(vitals, group), [vitals, group]);
  const points = series.reduce((sum, line) => sum + line.points.length, 0);

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const axis = timeAxis(series);
    const unit = group === 'bmi' ? 'kg/m²' : group === 'bloodPressure' ? 'mmHg' : VITAL_RANGES[group].unit;
    chart.current?.setOption(
      {
        color: [token.colorError, token.colorPrimary],
        textStyle: { color: token.colorText },
        grid: { left: 48, right: 24, top: 36, bottom: 32 },
        legend: { top: 0, textStyle: { color: token.colorText } },
        tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${String(value)} ${unit}` },
        xAxis: { type: 'time', min: axis.min, max: axis.max, axisLabel: { hideOverlap: true, formatter: (value: number) => dayjs(value).format(axis.labelFormat) } },
        yAxis: { type: 'value', scale: true, name: unit, splitLine: { lineStyle: { color: token.colorBorderSecondary } } },
        series: series.map((line) => ({
          type: 'line',
          name: line.measure === 'bmi' ? 'BMI' : t(`chart.vitals.measures.${line.measure}`),
          data: line.points,
          showSymbol: true,
          symbolSize: 7,
        })),
        aria: { enabled: true },
      },
      { notMerge: true },
    );
  }, [series, group, t, token]);

  return (
    <div>
      <Segmented
        value={group}
        onChange={(value) => setGroup(value as TrendGroup)}
        options={TREND_GROUPS.map((value) => ({ value, label: t(`chart.vitals.trendGroups.${value}`) }))}
        data-testid="vitals-trend-group"
      />
      <div style={{ position: 'relative', marginTop: 12 }}>
        <div ref={host} style={{ height: 280, width: '100%' }} data-testid="vitals-trend" data-points={points} role="img" aria-label={t('chart.vitals.trendLabel', { measure: t(`chart.vitals.trendGroups.${group}`) })} />
        {points === 0 && <Empty style={{ position: 'absolute', inset: 0, paddingTop: 80 }} description={t('chart.vitals.noTrend')} />}
      </div>
    </div>
  );
}
