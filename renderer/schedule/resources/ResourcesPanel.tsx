import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleResource } from '../../../preload/contract/schedule.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { canManageResources } from '../schedulePermissions.ts';
import { useResources } from '../useResources.ts';
import { ResourceModal } from './ResourceModal.tsx';

/**
 * Administrator: the providers, rooms and modalities appointments are booked
 * on. Test ids: `resources-add`, rows `resource-row-<name>`, `resource-edit-<name>`.
 */
export function ResourcesPanel() {
  const { t } = useTranslation();
  const { role } = useSession();
  const resources = useResources(true);
  const accounts = useCall('accounts.list', {});
  const [editing, setEditing] = useState<ScheduleResource | 'new'>();

  if (!canManageResources(role)) return <Alert type="error" showIcon title={t('errors.FORBIDDEN')} />;
  const accountName = (id: string | null) => (id ? (accounts.value?.find((account) => account.id === id)?.displayName ?? '—') : '—');

  const columns: TableColumnsType<ScheduleResource> = [
    { key: 'name', title: t('schedule.resources.name'), dataIndex: 'name' },
    { key: 'kind', title: t('schedule.resources.kind'), render: (_, r) => t(`schedule.kinds.${r.kind}`) },
    { key: 'user', title: t('schedule.resources.account'), render: (_, r) => accountName(r.userId) },
    {
      key: 'active',
      title: t('schedule.resources.state'),
      render: (_, r) => (r.active ? <Tag color="green">{t('schedule.resources.active')}</Tag> : <Tag>{t('schedule.resources.inactive')}</Tag>),
    },
    {
      key: 'edit',
      title: '',
      render: (_, r) => (
        <Button size="small" onClick={() => setEditing(r)} data-testid={`resource-edit-${r.name}`}>
          {t('schedule.resources.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="end">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="resources-add">
          {t('schedule.resources.add')}
        </Button>
      </Flex>
      {resources.error && <CallFailedNotice error={resources.error} onRetry={resources.reload} />}
      <Table<ScheduleResource>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={resources.value ?? []}
        loading={resources.loading && !resources.value}
        pagination={false}
        locale={{ emptyText: t('schedule.resources.empty') }}
        onRow={(r) => rowTestId(`resource-row-${r.name}`)}
      />
      <ResourceModal
        resource={editing}
        accounts={(accounts.value ?? []).filter((account) => account.role === 'physician' || account.role === 'radiologist')}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          resources.reload();
        }}
      />
    </Flex>
  );
}
