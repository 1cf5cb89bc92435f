import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Segmented, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ScheduleResource } from '../../../preload/contract/schedule.ts';
import type { CalendarView } from './gridColumns.ts';

interface Props {
  view: CalendarView;
  onView: (view: CalendarView) => void;
  date: Dayjs;
  onDate: (date: Dayjs) => void;
  resources: readonly ScheduleResource[];
  /** Day view: the resources shown side by side; week view: the one resource shown. */
  chosen: readonly string[];
  onChosen: (ids: string[]) => void;
  onReload: () => void;
  loading: boolean;
  onBook?: () => void;
}

/**
 * View, date and resources of the calendar. Test ids: `calendar-view`,
 * `calendar-prev`, `calendar-today`, `calendar-next`, `calendar-date`,
 * `calendar-resources`, `calendar-book`.
 */
export function CalendarToolbar({ view, onView, date, onDate, resources, chosen, onChosen, onReload, loading, onBook }: Props) {
  const { t } = useTranslation();
  const step = view === 'day' ? 'day' : 'week';
  const options = resources.map((resource) => ({ value: resource.id, label: `${resource.name} · ${t(`schedule.kinds.${resource.kind}`)}` }));
  return (
    <Flex justify="space-between" align="center" gap="middle" wrap>
      <Space wrap>
        <Segmented<CalendarView>
          value={view}
          onChange={onView}
          options={[
            { value: 'day', label: t('schedule.calendar.day') },
            { value: 'week', label: t('schedule.calendar.week') },
          ]}
          data-testid="calendar-view"
        />
        <Space.Compact>
          <Button icon={<LeftOutlined aria-hidden />} aria-label={t(`schedule.calendar.previous.${step}`)} onClick={() => onDate(date.subtract(1, step))} data-testid="calendar-prev" />
          <Button onClick={() => onDate(date.startOf('day').hour(0))} data-testid="calendar-today">
            {t('schedule.calendar.today')}
          </Button>
          <Button icon={<RightOutlined aria-hidden />} aria-label={t(`schedule.calendar.next.${step}`)} onClick={() => onDate(date.add(1, step))} data-testid="calendar-next" />
        </Space.Compact>
        <DatePicker value={date} onChange={(value) => value && onDate(value)} allowClear={false} aria-label={t('schedule.calendar.date')} data-testid="calendar-date" />
        {view === 'day' ? (
          <Select
            mode="multiple"
            style={{ minWidth: 280 }}
            maxTagCount="responsive"
            value={[...chosen]}
            onChange={onChosen}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('schedule.calendar.resources')}
            data-testid="calendar-resources"
          />
        ) : (
          <Select
            style={{ minWidth: 220 }}
            value={chosen[0]}
            onChange={(id: string) => onChosen([id])}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('schedule.calendar.resource')}
            data-testid="calendar-resources"
          />
        )}
      </Space>
      <Space>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={onReload} loading={loading}>
          {t('schedule.refresh')}
        </Button>
        {onBook && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onBook} data-testid="calendar-book">
            {t('schedule.booking.open')}
          </Button>
        )}
      </Space>
    </Flex>
  );
}
