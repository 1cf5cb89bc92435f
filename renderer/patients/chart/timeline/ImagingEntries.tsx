import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChartView } from '../ChartContext.ts';
import { formatAt } from '../format/chartDates.ts';

/** The patient's linked imaging studies and signed reports, as the timeline has them. Test id: `chart-imaging`. */
export function ImagingEntries() {
  const { t } = useTranslation();
  const { chart } = useChartView();
  const entries = chart.timeline.filter((entry) => entry.kind === 'imagingStudy' || entry.kind === 'imagingReport');
  if (entries.length === 0) return <Empty description={t('chart.imaging.none')} data-testid="chart-imaging" />;
  return (
    <List
      data-testid="chart-imaging"
      dataSource={entries}
      renderItem={(entry) => (
        <List.Item>
          <List.Item.Meta
            title={
              <>
                <Typography.Text type="secondary">{formatAt(entry.at, entry.dateOnly)}</Typography.Text> <Tag color="geekblue">{t(`chart.timeline.kinds.${entry.kind}`)}</Tag>
                {entry.detail}
              </>
            }
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{entry.title || t('chart.timeline.untitled')}</span>}
          />
        </List.Item>
      )}
    />
  );
}
