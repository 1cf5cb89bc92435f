import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPINGS, MEASURES, SUBJECTS, type Grouping, type Measure, type StatisticsResult, type Subject } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { EChart, type EChartHandle } from '../charts/EChart.tsx';
import { downloadText } from '../../admin/audit/downloadText.ts';
import { downloadUrl, toCsv } from '../charts/download.ts';
import { formatNumber } from '../format.ts';
import { useGroupLabel } from './useGroupLabel.ts';

const SUMMARY_COLUMNS = ['n', 'missing', 'mean', 'median', 'sd', 'min', 'max'] as const;

/**
 * Group-by summaries computed by main. Test ids: `stats-subject`, `stats-group-by`, `stats-measures`,
 * `stats-dates`, `stats-diagnosis`, `stats-min-age`, `stats-max-age`, `stats-run`, `stats-table`,
 * `stats-chart`, `stats-export-csv`, `stats-export-png`.
 */
export function StatisticsTab() {
  const { t } = useTranslation();
  const groupLabel = useGroupLabel();
  const [subject, setSubject] = useState<Subject>('encounters');
  const [groupBy, setGroupBy] = useState<Grouping>('sex');
  const [measures, setMeasures] = useState<Measure[]>(['age', 'systolic', 'bmi']);
  const [dates, setDates] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [diagnosis, setDiagnosis] = useState('');
  const [minAge, setMinAge] = useState<number | null>(null);
  const [maxAge, setMaxAge] = useState<number | null>(null);
  const [result, setResult] = useState<StatisticsResult | null>(null);
  const [chartMeasure, setChartMeasure] = useState<Measure>('age');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const chart = useRef<EChartHandle>(null);

  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      const filters = {
        ...(dates?.[0] ? { from: dates[0].format('YYYY-MM-DD') } : {}),
        ...(dates?.[1] ? { to: dates[1].format('YYYY-MM-DD') } : {}),
        ...(diagnosis.trim() ? { diagnosis: diagnosis.trim() } : {}),
        ...(minAge !== null ? { minAge } : {}),
        ...(maxAge !== null ? { maxAge } : {}),
      };
      const answer = await call('analytics.statistics.summarize', { subject, groupBy, measures, filters });
      setResult(answer);
      if (!measures.includes(chartMeasure)) setChartMeasure(measures[0]!);
    } catch (failure) {
      setError(errorMessage(t, failure));
    } finally {
      setLoading(false);
    }
  };

  const option = useMemo(() => {
    if (!result) return {};
    const index = result.groups[0]?.measures.findIndex((m) => m.measure === chartMeasure) ?? -1;
    const labels = result.groups.map((g) => groupLabel(result.groupBy, g.key));
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('analytics.statistics.mean'), t('analytics.statistics.median')] },
      xAxis: { type: 'category' as const, data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value' as const, name: t(`analytics.measures.${chartMeasure}`) },
      series: [
        { name: t('analytics.statistics.mean'), type: 'bar' as const, data: result.groups.map((g) => g.measures[index]?.mean ?? null) },
        { name: t('analytics.statistics.median'), type: 'bar' as const, data: result.groups.map((g) => g.measures[index]?.median ?? null) },
      ],
    };
  }, [result, chartMeasure, groupLabel, t]);

  const exportCsv = () => {
    if (!result) return;
    const header = [t('analytics.statistics.group'), t('analytics.statistics.count'), ...measures.flatMap((m) => SUMMARY_COLUMNS.map((c) => `${t(`analytics.measures.${m}`)} ${t(`analytics.statistics.${c}`)}`))];
    const rows = result.groups.map((g) => [groupLabel(result.groupBy, g.key), g.count, ...g.measures.flatMap((m) => SUMMARY_COLUMNS.map((c) => m[c]))]);
    downloadText(`statistics-${result.subject}-${result.groupBy}.csv`, toCsv([header, ...rows]), 'text/csv');
  };
  const exportPng = () => {
    const url = chart.current?.toPng();
    if (url && result) downloadUrl(`statistics-${result.subject}-${result.groupBy}-${chartMeasure}.png`, url);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('analytics.statistics.subject')}>
          <Select<Subject> style={{ width: 220 }} value={subject} onChange={setSubject} options={SUBJECTS.map((s) => ({ value: s, label: t(`analytics.subjects.${s}`) }))} data-testid="stats-subject" />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.groupBy')}>
          <Select<Grouping>
            style={{ width: 160 }}
            value={groupBy}
            onChange={setGroupBy}
            options={GROUPINGS.filter((g) => g !== 'provider' || subject !== 'patients').map((g) => ({ value: g, label: t(`analytics.groupings.${g}`) }))}
            data-testid="stats-group-by"
          />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.measures')}>
          <Select<Measure[]> mode="multiple" style={{ minWidth: 280 }} value={measures} onChange={(list) => list.length && setMeasures(list)} options={MEASURES.map((m) => ({ value: m, label: t(`analytics.measures.${m}`) }))} data-testid="stats-measures" />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} value={dates} onChange={(value) => setDates(value)} data-testid="stats-dates" />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.diagnosis')}>
          <Input style={{ width: 110 }} value={diagnosis} maxLength={8} onChange={(event) => setDiagnosis(event.target.value)} data-testid="stats-diagnosis" />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.minAge')}>
          <InputNumber min={0} max={130} value={minAge} onChange={setMinAge} data-testid="stats-min-age" />
        </Form.Item>
        <Form.Item label={t('analytics.statistics.maxAge')}>
          <InputNumber min={0} max={130} value={maxAge} onChange={setMaxAge} data-testid="stats-max-age" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={loading} onClick={() => void run()} data-testid="stats-run">
            {t('analytics.statistics.run')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <>
          <Typography.Text type="secondary" data-testid="stats-total">
            {t('analytics.statistics.total', { total: result.total })}
            {result.overlapping ? ` ${t('analytics.statistics.overlapping')}` : ''}
          </Typography.Text>
          <Table
            size="small"
            bordered
            pagination={false}
            scroll={{ x: true }}
            rowKey={(g) => g.key ?? '\u0000'}
            dataSource={result.groups}
            locale={{ emptyText: t('analytics.statistics.empty') }}
            data-testid="stats-table"
            columns={[
              { title: t('analytics.statistics.group'), key: 'group', fixed: 'left' as const, render: (_, g) => groupLabel(result.groupBy, g.key) },
              { title: t('analytics.statistics.count'), dataIndex: 'count', align: 'right' as const },
              ...(result.groups[0]?.measures ?? []).map((m, index) => ({
                title: t(`analytics.measures.${m.measure}`),
                key: m.measure,
                children: SUMMARY_COLUMNS.map((column) => ({
                  title: t(`analytics.statistics.${column}`),
                  key: `${m.measure}-${column}`,
                  align: 'right' as const,
                  render: (_: unknown, g: StatisticsResult['groups'][number]) => formatNumber(g.measures[index]![column], column === 'n' || column === 'missing' ? 0 : 1),
                })),
              })),
            ]}
          />
          <Space wrap>
            <span>{t('analytics.statistics.chartMeasure')}</span>
            <Select<Measure> style={{ width: 180 }} value={chartMeasure} onChange={setChartMeasure} options={measures.map((m) => ({ value: m, label: t(`analytics.measures.${m}`) }))} data-testid="stats-chart-measure" />
            <Button onClick={exportCsv} data-testid="stats-export-csv">
              {t('analytics.statistics.exportCsv')}
            </Button>
            <Button onClick={exportPng} data-testid="stats-export-png">
              {t('analytics.statistics.exportPng')}
            </Button>
          </Space>
          <EChart ref={chart} option={option} testId="stats-chart" />
        </>
      )}
    </Space>
  );
}
