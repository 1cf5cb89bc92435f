import { ApiOutlined, BarChartOutlined, ClusterOutlined, ExportOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ANALYSTS } from '../../preload/contract/roles.ts';
import { useSession } from '../session/SessionContext.ts';
import { CdsServersTab } from './cds/CdsServersTab.tsx';
import { ClusteringTab } from './clustering/ClusteringTab.tsx';
import { DatasetTab } from './dataset/DatasetTab.tsx';
import { QualityTab } from './quality/QualityTab.tsx';
import { StatisticsTab } from './statistics/StatisticsTab.tsx';

const TABS = [
  { id: 'statistics', Icon: BarChartOutlined, Content: StatisticsTab, adminOnly: false },
  { id: 'clustering', Icon: ClusterOutlined, Content: ClusteringTab, adminOnly: false },
  { id: 'quality', Icon: SafetyCertificateOutlined, Content: QualityTab, adminOnly: false },
  { id: 'cds', Icon: ApiOutlined, Content: CdsServersTab, adminOnly: true },
  { id: 'dataset', Icon: ExportOutlined, Content: DatasetTab, adminOnly: true },
] as const;

// Default export: loaded lazily by frame/sections.ts. Test ids: `analytics-tab-<id>`.
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const [tab, setTab] = useState<string>('statistics');
  const tabs = TABS.filter(({ adminOnly }) => !adminOnly || role === 'admin');
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {t('sections.analytics')}
      </Typography.Title>
      {(ANALYSTS as readonly string[]).includes(role) ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={tabs.map(({ id, Icon, Content }) => ({
            key: id,
            icon: <Icon aria-hidden />,
            label: <span data-testid={`analytics-tab-${id}`}>{t(`analytics.tabs.${id}`)}</span>,
            children: <Content />,
          }))}
        />
      ) : (
        <Alert type="info" showIcon title={t('analytics.notPermitted')} />
      )}
    </>
  );
}
