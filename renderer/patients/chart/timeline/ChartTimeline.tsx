import type { TFunction } from 'i18next';
import { Checkbox, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../../preload/contract/chart.ts';
import { useChartView } from '../ChartContext.ts';
import { formatAt } from '../format/chartDates.ts';
import { vitalsText } from '../format/vitalsText.ts';

const KIND_COLORS: Record<TimelineKind, string> = {
  encounter: 'blue',
  vitals: 'cyan',
  problem: 'purple',
  allergy: 'red',
  medication: 'green',
  document: 'gray',
  appointment: 'orange',
  imagingStudy: 'geekblue',
  imagingReport: 'geekblue',
};

/** Statuses the timeline translates per kind; other values (imaging's) show as they are. */
function statusText(t: TFunction, entry: TimelineEntry): string | null {
  if (entry.status === null) return null;
  switch (entry.kind) {
    case 'encounter':
      return t(`chart.encounters.statuses.${entry.status as 'draft' | 'signed'}`);
    case 'problem':
      return t(`chart.problems.statuses.${entry.status as 'active' | 'resolved'}`);
    case 'allergy':
      return t(`chart.allergies.statuses.${entry.status as 'active' | 'inactive' | 'resolved'}`);
    case 'medication':
      return t(`chart.medications.statuses.${entry.status as 'active' | 'on-hold' | 'completed' | 'stopped'}`);
    case 'appointment':
      return t(`chart.timeline.appointmentStatuses.${entry.status as 'booked' | 'checked-in' | 'checked-out' | 'cancelled' | 'no-show'}`);
    default:
      return null;
  }
}

/**
 * Everything in the chart in date order, newest first, filterable by kind.
 * Test ids: `chart-timeline`, `timeline-filter`, `timeline-item-<kind>-<id>` (with `data-kind` and `data-at`).
 */
export function ChartTimeline() {
  const { t } = useTranslation();
  const { chart } = useChartView();
  const present = useMemo(() => TIMELINE_KINDS.filter((kind) => chart.timeline.some((entry) => entry.kind === kind)), [chart.timeline]);
  const [hidden, setHidden] = useState<TimelineKind[]>([]);
  const vitalsById = useMemo(() => new Map(chart.vitals.map((set) => [set.id, set])), [chart.vitals]);
  const shown = chart.timeline.filter((entry) => !hidden.includes(entry.kind));

  if (chart.timeline.length === 0) return <Empty description={t('chart.timeline.empty')} data-testid="chart-timeline" />;

  return (
    <Flex vertical gap="middle">
      <Checkbox.Group
        value={present.filter((kind) => !hidden.includes(kind))}
        onChange={(checked) => setHidden(present.filter((kind) => !checked.includes(kind)))}
        options={present.map((kind) => ({ value: kind, label: t(`chart.timeline.kinds.${kind}`) }))}
        data-testid="timeline-filter"
      />
      <Timeline
        data-testid="chart-timeline"
        items={shown.map((entry) => {
          const vitals = entry.kind === 'vitals' ? vitalsById.get(entry.id) : undefined;
          const status = statusText(t, entry);
          return {
            key: `${entry.kind}-${entry.id}`,
            color: KIND_COLORS[entry.kind],
            content: (
              <div data-testid={`timeline-item-${entry.kind}-${entry.id}`} data-kind={entry.kind} data-at={entry.at}>
                <Flex gap="small" wrap align="baseline">
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatAt(entry.at, entry.dateOnly)}
                  </Typography.Text>
                  <Tag color={KIND_COLORS[entry.kind]}>{t(`chart.timeline.kinds.${entry.kind}`)}</Tag>
                  {status && <Tag>{status}</Tag>}
                </Flex>
                <div>{vitals ? vitalsText(t, vitals) : entry.title || t('chart.timeline.untitled')}</div>
                {entry.detail && <Typography.Text type="secondary">{entry.detail}</Typography.Text>}
              </div>
            ),
          };
        })}
      />
    </Flex>
  );
}
