import { AppstoreOutlined, CalendarOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext.ts';
import { CalendarPanel } from './calendar/CalendarPanel.tsx';
import { ResourcesPanel } from './resources/ResourcesPanel.tsx';
import { canManageResources } from './schedulePermissions.ts';
import { openScheduleTab, useScheduleTab, type ScheduleTab } from './scheduleRoute.ts';
import { TodayList } from './today/TodayList.tsx';

const TABS = [
  { id: 'today', Icon: UnorderedListOutlined, Content: TodayList },
  { id: 'calendar', Icon: CalendarOutlined, Content: CalendarPanel },
  { id: 'resources', Icon: AppstoreOutlined, Content: ResourcesPanel },
] as const;

// Default export: loaded lazily by frame/sections.ts.
export default function SchedulePage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const tab = useScheduleTab();
  const tabs = TABS.filter(({ id }) => id !== 'resources' || canManageResources(role));
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {t('sections.schedule')}
      </Typography.Title>
      <Tabs
        activeKey={tabs.some(({ id }) => id === tab) ? tab : 'today'}
        onChange={(key) => openScheduleTab(key as ScheduleTab)}
        destroyOnHidden
        items={tabs.map(({ id, Icon, Content }) => ({
          key: id,
          icon: <Icon aria-hidden />,
          label: <span data-testid={`schedule-tab-${id}`}>{t(`schedule.tabs.${id}`)}</span>,
          children: <Content />,
        }))}
      />
    </>
  );
}
