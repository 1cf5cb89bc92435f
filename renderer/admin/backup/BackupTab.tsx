import { CloudDownloadOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

type Outcome = { kind: 'backup'; fileName: string; bytes: number } | { kind: 'restore'; fileName: string } | { kind: 'error'; error: ContractCallError };

/**
 * Encrypted backups and restores. Main shows the native file chooser, so the
 * page never handles a path; a restore signs everyone out.
 */
export function BackupTab() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (kind: 'backup' | 'restore') => {
    setBusy(kind);
    setOutcome(null);
    try {
      const result = await call(kind === 'backup' ? 'backup.create' : 'backup.restore', {});
      if (result.cancelled) return;
      setOutcome(kind === 'backup' && 'bytes' in result ? { kind, fileName: result.fileName, bytes: result.bytes } : { kind: 'restore', fileName: result.fileName });
    } catch (error) {
      setOutcome({ kind: 'error', error: error as ContractCallError });
    } finally {
      setBusy(null);
    }
  };

  const confirmRestore = () =>
    modal.confirm({
      title: t('admin.backup.restoreConfirmTitle'),
      content: t('admin.backup.restoreConfirmText'),
      okText: t('admin.backup.restore'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'backup-restore-confirm' } },
      onOk: () => run('restore'),
    });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Typography.Paragraph>{t('admin.backup.intro')}</Typography.Paragraph>
      <Flex gap={8}>
        <Button type="primary" icon={<CloudDownloadOutlined aria-hidden />} loading={busy === 'backup'} onClick={() => void run('backup')} data-testid="backup-create">
          {t('admin.backup.create')}
        </Button>
        <Button danger icon={<HistoryOutlined aria-hidden />} loading={busy === 'restore'} onClick={confirmRestore} data-testid="backup-restore">
          {t('admin.backup.restore')}
        </Button>
      </Flex>
      {outcome && (
        <Alert
          data-testid="backup-result"
          type={outcome.kind === 'error' ? 'error' : 'success'}
          showIcon
          title={
            outcome.kind === 'error'
              ? errorMessage(t, outcome.error)
              : outcome.kind === 'backup'
                ? t('admin.backup.created', { fileName: outcome.fileName, size: (outcome.bytes / 1024 ** 2).toFixed(1) })
                : t('admin.backup.restored', { fileName: outcome.fileName })
          }
        />
      )}
    </Flex>
  );
}
