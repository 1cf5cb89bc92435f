import { Alert, Button, Card, Descriptions, Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../preload/contract/sync.ts';
import { formatBytes } from './formatBytes.ts';
import { problemText } from './problemText.ts';

type Target = SyncStatus['targets'][number];

/**
 * One target's health: online or not, last success, what waits to go up, the transfer in progress, and
 * why it stopped. Test ids: `sync-target-<id>`, `sync-target-state`, `sync-target-stopped`, `sync-target-edit`.
 */
export function TargetCard({ target, transfer, canEdit, onEdit }: { target: Target; transfer: SyncStatus['transfer']; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const state = target.online === null ? <Tag>{t('sync.target.unknown')}</Tag> : target.online ? <Tag color="green">{t('sync.target.online')}</Tag> : <Tag color="orange">{t('sync.target.offline')}</Tag>;
  const moving = transfer && transfer.targetId === target.id ? transfer : null;
  return (
    <Card
      data-testid={`sync-target-${target.id}`}
      title={target.name}
      extra={
        canEdit && (
          <Button size="small" onClick={onEdit} data-testid="sync-target-edit">
            {t('sync.actions.edit')}
          </Button>
        )
      }
    >
      {target.stopped && <Alert type="error" showIcon title={t('sync.target.stopped')} description={problemText(t, target.stopped)} data-testid="sync-target-stopped" style={{ marginBottom: 12 }} />}
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'state', label: t('sync.title'), children: <span data-testid="sync-target-state">{state}</span> },
          { key: 'lastSuccess', label: t('sync.target.lastSuccess'), children: target.lastSuccessAt ? dayjs(target.lastSuccessAt).format('YYYY-MM-DD HH:mm:ss') : t('sync.target.never') },
          { key: 'bucket', label: t('sync.form.bucket'), children: `${target.config.bucket}/${target.config.prefix}` },
        ]}
      />
      <div>{t('sync.target.pending', { changes: target.pendingChanges, size: formatBytes(target.pendingBytes) })}</div>
      {moving && (
        <div>
          {t('sync.target.transfer', { direction: t(moving.direction === 'push' ? 'sync.target.push' : 'sync.target.pull'), object: moving.object })}
          <Progress percent={100} status="active" showInfo={false} size="small" />
        </div>
      )}
    </Card>
  );
}
