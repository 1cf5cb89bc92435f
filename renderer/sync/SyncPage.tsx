import { Alert, Button, Card, Col, Flex, List, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PullBlockReason, SyncStatus } from '../../preload/contract/sync.ts';
import { call } from '../platform/api.ts';
import { useSession } from '../session/SessionContext.ts';
import { EnrolModal, JoinModal } from './EnrolmentModals.tsx';
import { PacsForwardCard } from './PacsForwardCard.tsx';
import { problemText } from './problemText.ts';
import { describeSettings, SettingsModal } from './SettingsModal.tsx';
import { TargetCard } from './TargetCard.tsx';
import { TargetModal } from './TargetModal.tsx';
import { useSyncStatus } from './useSyncStatus.ts';

type Workstation = SyncStatus['workstations'][number];

const BLOCK_TEXT = {
  missing: 'sync.workstations.blockedMissing',
  unreadable: 'sync.workstations.blockedUnreadable',
  newer: 'sync.workstations.blockedNewer',
} as const satisfies Record<PullBlockReason, string>;

const STATE_COLORS: Record<SyncStatus['state'], string> = { stopped: 'default', idle: 'green', syncing: 'blue', paused: 'orange', outsideWindow: 'default' };

/**
 * The Sync screen: worker state, each target's health, the workstations, recent errors; administrators
 * configure targets, pause and resume, enrol and revoke workstations.
 * Test ids: `sync-state`, `sync-schedule`, `sync-now`, `sync-pause`, `sync-resume`, `sync-settings`, `sync-add-target`, `sync-enrol`,
 * `sync-join`, `sync-workstations`, `sync-revoke-<id>`, `sync-errors`.
 */
export default function SyncPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const admin = role === 'admin';
  const { status, error, reload } = useSyncStatus();
  const [editing, setEditing] = useState<SyncStatus['targets'][number] | 'new'>();
  const [dialog, setDialog] = useState<'enrol' | 'join' | 'settings'>();
  const act = (channel: 'sync.now' | 'sync.pause' | 'sync.resume') => void call(channel, {}).then(reload, reload);

  if (error) return <Alert type="error" showIcon title={t('sync.failed')} />;
  if (!status) return null;
  const workstationColumns = [
    { title: t('sync.workstations.id'), key: 'id', render: (_: unknown, row: Workstation) => (row.self ? <Tag color="blue">{t('sync.workstations.self')}</Tag> : <Typography.Text code>{row.id.slice(-12)}</Typography.Text>) },
    { title: t('sync.workstations.applied'), dataIndex: 'changesApplied', key: 'applied' },
    { title: t('sync.workstations.lastPulled'), key: 'pulled', render: (_: unknown, row: Workstation) => (row.lastPulledAt ? dayjs(row.lastPulledAt).format('YYYY-MM-DD HH:mm') : '—') },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, row: Workstation) => (
        <Flex gap="small" align="center">
          {row.blocked && (
            <Tag color="red" data-testid={`sync-blocked-${row.id}`}>
              {t('sync.workstations.blocked')}
            </Tag>
          )}
          {row.revokedAt ? (
            <Tag color="red">{t('sync.workstations.revoked')}</Tag>
          ) : (
            admin &&
            !row.self && (
              <Popconfirm title={t('sync.actions.revokeConfirm')} onConfirm={() => void call('sync.workstations.revoke', { id: row.id }).then(reload, reload)}>
                <Button size="small" danger data-testid={`sync-revoke-${row.id}`}>
                  {t('sync.actions.revoke')}
                </Button>
              </Popconfirm>
            )
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" style={{ padding: 24 }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('sync.title')}{' '}
          <Tag color={STATE_COLORS[status.state]} data-testid="sync-state">
            {t(`sync.state.${status.state}`)}
          </Tag>
        </Typography.Title>
        <Flex gap="small" wrap>
          <Button type="primary" onClick={() => act('sync.now')} disabled={status.targets.length === 0 && status.pacsForwarding.length === 0} data-testid="sync-now">
            {t('sync.actions.syncNow')}
          </Button>
          {admin &&
            (status.state === 'paused' ? (
              <Button onClick={() => act('sync.resume')} data-testid="sync-resume">
                {t('sync.actions.resume')}
              </Button>
            ) : (
              <Button onClick={() => act('sync.pause')} disabled={status.state === 'stopped'} data-testid="sync-pause">
                {t('sync.actions.pause')}
              </Button>
            ))}
          {admin && (
            <Button onClick={() => setDialog('settings')} data-testid="sync-settings">
              {t('sync.actions.settings')}
            </Button>
          )}
          {admin && (
            <Button onClick={() => setEditing('new')} data-testid="sync-add-target">
              {t('sync.actions.addTarget')}
            </Button>
          )}
          {admin && status.enrolled && (
            <Button onClick={() => setDialog('enrol')} data-testid="sync-enrol">
              {t('sync.actions.enrol')}
            </Button>
          )}
          {admin && (
            <Button onClick={() => setDialog('join')} data-testid="sync-join">
              {t('sync.actions.join')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" data-testid="sync-schedule">
        {describeSettings(t, status.settings)}
      </Typography.Text>
      {!status.enrolled && <Alert type="info" showIcon title={t('sync.notEnrolled')} />}
      <Row gutter={[16, 16]}>
        {status.targets.map((target) => (
          <Col key={target.id} xs={24} lg={12}>
            <TargetCard target={target} transfer={status.transfer} canEdit={admin} onEdit={() => setEditing(target)} />
          </Col>
        ))}
        {status.pacsForwarding.map((server) => (
          <Col key={server.pacsId} xs={24} lg={12}>
            <PacsForwardCard server={server} />
          </Col>
        ))}
      </Row>
      <Card title={t('sync.workstations.title')}>
        <Flex vertical gap="small">
          {status.workstations.flatMap(({ id, blocked }) =>
            blocked
              ? [
                  <Alert
                    key={id}
                    type="error"
                    showIcon
                    data-testid="sync-blocked-alert"
                    title={t(BLOCK_TEXT[blocked.reason], { id: id.slice(-12), object: blocked.object })}
                  />,
                ]
              : [],
          )}
          <Table rowKey="id" size="small" pagination={false} dataSource={status.workstations} columns={workstationColumns} data-testid="sync-workstations" />
        </Flex>
      </Card>
      <Card title={t('sync.errors.title')}>
        <List
          size="small"
          data-testid="sync-errors"
          locale={{ emptyText: t('sync.errors.none') }}
          dataSource={status.recentErrors}
          renderItem={(item) => (
            <List.Item>
              <Typography.Text type={item.permanent ? 'danger' : 'warning'}>{dayjs(item.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text> {problemText(t, item)}
            </List.Item>
          )}
        />
      </Card>
      <TargetModal
        target={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          reload();
        }}
      />
      <SettingsModal
        settings={status.settings}
        open={dialog === 'settings'}
        onClose={() => setDialog(undefined)}
        onSaved={() => {
          setDialog(undefined);
          reload();
        }}
      />
      <EnrolModal open={dialog === 'enrol'} onClose={() => setDialog(undefined)} />
      <JoinModal open={dialog === 'join'} onClose={() => setDialog(undefined)} onJoined={reload} />
    </Flex>
  );
}
