import { Button, List, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cohort } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';
import { useCall } from '../../platform/useCall.ts';
import { formatTime } from '../format.ts';
import { ClusterResult } from './ClusterResult.tsx';

/** Saved cohorts, re-opened with their profiles and members. Test ids: `cohort-list`, `cohort-open-<id>`, `cohort-delete-<id>`. */
export function SavedCohorts({ version }: { version: number }) {
  const { t } = useTranslation();
  const cohorts = useCall('analytics.cohorts.list', {});
  const [open, setOpen] = useState<Cohort | null>(null);
  const { reload } = cohorts;
  useEffect(() => reload(), [version, reload]);

  return (
    <>
      <Typography.Title level={4}>{t('analytics.clustering.cohorts')}</Typography.Title>
      <List
        size="small"
        bordered
        loading={cohorts.loading}
        dataSource={cohorts.value ?? []}
        data-testid="cohort-list"
        renderItem={(cohort) => (
          <List.Item
            actions={[
              <Button key="open" type="link" onClick={() => setOpen(cohort)} data-testid={`cohort-open-${cohort.id}`}>
                {t('analytics.clustering.open')}
              </Button>,
              <Popconfirm
                key="delete"
                title={t('analytics.clustering.deleteConfirm')}
                onConfirm={async () => {
                  await call('analytics.cohorts.delete', { cohortId: cohort.id });
                  if (open?.id === cohort.id) setOpen(null);
                  reload();
                }}
              >
                <Button type="link" danger data-testid={`cohort-delete-${cohort.id}`}>
                  {t('analytics.clustering.delete')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{cohort.name}</Typography.Text>
              <Typography.Text type="secondary">
                {cohort.memberCount} · k={cohort.summary.k} · {t('analytics.clustering.createdBy', { name: cohort.createdByName, time: formatTime(cohort.createdAt) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {open && <ClusterResult key={open.id} summary={open.summary} members={(cluster, offset, limit) => call('analytics.cohorts.members', { cohortId: open.id, cluster, offset, limit })} />}
    </>
  );
}
