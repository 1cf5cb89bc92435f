import { EyeOutlined } from '@ant-design/icons';
import { Button, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../session/SessionContext.ts';
import { useChartView } from '../ChartContext.ts';
import { canViewImages } from '../chartPermissions.ts';
import { formatAt } from '../format/chartDates.ts';
import { studyViewerHref } from '../../../imaging/studyRoute.ts';

/**
 * The patient's linked imaging studies and signed reports, as the timeline has them; a study opens in the imaging
 * section's viewer for the roles that may view images.
 * Test ids: `chart-imaging`, `chart-imaging-open-<study id>` (the study's "open in viewer" link).
 */
export function ImagingEntries() {
  const { t } = useTranslation();
  const { chart } = useChartView();
  const { role } = useSession();
  const entries = chart.timeline.filter((entry) => entry.kind === 'imagingStudy' || entry.kind === 'imagingReport');
  if (entries.length === 0) return <Empty description={t('chart.imaging.none')} data-testid="chart-imaging" />;
  return (
    <List
      data-testid="chart-imaging"
      dataSource={entries}
      renderItem={(entry) => (
        <List.Item
          actions={
            entry.kind === 'imagingStudy' && canViewImages(role)
              ? [
                  <Button key="open" type="link" icon={<EyeOutlined aria-hidden />} href={studyViewerHref(entry.id)} data-testid={`chart-imaging-open-${entry.id}`}>
                    {t('chart.imaging.open')}
                  </Button>,
                ]
              : []
          }
        >
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
