import { AuditOutlined, DatabaseOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditTab } from './audit/AuditTab.tsx';
import { BackupTab } from './backup/BackupTab.tsx';
import { PolicyTab } from './policy/PolicyTab.tsx';
import { UsersTab } from './users/UsersTab.tsx';

const TABS = [
  { id: 'users', Icon: UserOutlined, Content: UsersTab },
  { id: 'audit', Icon: AuditOutlined, Content: AuditTab },
  { id: 'policy', Icon: SafetyOutlined, Content: PolicyTab },
  { id: 'backup', Icon: DatabaseOutlined, Content: BackupTab },
] as const;

// Default export: loaded lazily by frame/sections.ts. Only administrators see this section; main checks every call too.
export default function AdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>
        {t('sections.admin')}
      </Typography.Title>
      <Tabs
        items={TABS.map(({ id, Icon, Content }) => ({
          key: id,
          icon: <Icon aria-hidden />,
          label: <span data-testid={`admin-tab-${id}`}>{t(`admin.tabs.${id}`)}</span>,
          children: <Content />,
        }))}
      />
    </>
  );
}
