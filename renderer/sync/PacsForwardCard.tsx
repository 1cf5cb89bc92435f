import { Alert, Card, Descriptions, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PacsForwardStatus } from '../../preload/contract/imaging.ts';

/**
 * A DICOMweb server that takes this workstation's new studies (the PACS as a second target): what waits, what went,
 * and why it stopped or last failed. Settings are under Imaging → PACS.
 * Test ids: `sync-pacs-<pacs id>`, `sync-pacs-pending`, `sync-pacs-sent`, `sync-pacs-stopped`, `sync-pacs-problem`.
 */
export function PacsForwardCard({ server }: { server: PacsForwardStatus }) {
  const { t } = useTranslation();
  const reason = (failure: PacsForwardStatus['stopped'] & string) => t(`imaging.pacs.failures.${failure}`);
  return (
    <Card
      title={t('sync.pacs.title', { name: server.name })}
      data-testid={`sync-pacs-${server.pacsId}`}
      extra={<Tag color={server.stopped ? 'red' : server.problem ? 'orange' : 'green'}>{t(server.stopped ? 'sync.target.stopped' : server.problem ? 'sync.target.offline' : 'sync.target.online')}</Tag>}
    >
      {server.stopped && <Alert type="error" showIcon title={t('sync.target.stopped')} description={t('sync.pacs.stopped', { reason: reason(server.stopped) })} data-testid="sync-pacs-stopped" style={{ marginBottom: 12 }} />}
      {!server.stopped && server.problem && (
        <Alert type="warning" showIcon description={t('sync.pacs.problem', { reason: reason(server.problem.failure), time: dayjs(server.problem.at).format('HH:mm') })} data-testid="sync-pacs-problem" style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'pending', label: t('sync.pacs.pending'), children: <span data-testid="sync-pacs-pending">{server.pending}</span> },
          { key: 'sent', label: t('sync.pacs.sent'), children: <span data-testid="sync-pacs-sent">{t('sync.pacs.sentCount', { sent: server.sent, refused: server.refused })}</span> },
          { key: 'lastSuccess', label: t('sync.target.lastSuccess'), children: server.lastSuccessAt ? dayjs(server.lastSuccessAt).format('YYYY-MM-DD HH:mm') : t('sync.target.never') },
        ]}
      />
    </Card>
  );
}
