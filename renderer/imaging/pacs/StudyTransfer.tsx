/**
 * Taking studies out: send to a configured PACS (STOW-RS) or export to a folder as DICOM, optionally
 * de-identified. Mounted by the study list or viewer for the selected studies.
 * Test ids: `transfer-send`, `transfer-send-pacs`, `transfer-send-state`, `transfer-export`, `transfer-deidentify`, `transfer-export-result`.
 */
import { App, Button, Checkbox, Dropdown, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { usePacsJob } from './usePacsJob.ts';

export function StudyTransfer({ studyIds }: { studyIds: readonly string[] }) {
  const { t } = useTranslation();
  const { role } = useSession();
  const { message } = App.useApp();
  const servers = useCall('imaging.pacs.list', {});
  const [deidentify, setDeidentify] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = usePacsJob(jobId);
  const canExport = role === 'admin' || role === 'physician' || role === 'radiologist';

  useEffect(() => {
    if (job?.state === 'succeeded') message.success(t('imaging.pacs.sent', { count: job.succeeded }));
    if (job?.state === 'failed') message.error(t('imaging.pacs.testFailed', { reason: job.failure ? t(`imaging.pacs.failures.${job.failure}`) : '' }));
  }, [job?.state, job?.succeeded, job?.failure, message, t]);

  const send = async (pacsId: string) => {
    const [studyId] = studyIds;
    if (!studyId) return;
    try {
      setJobId((await call('imaging.pacs.send', { pacsId, studyId })).jobId);
    } catch (failure) {
      message.error(errorMessage(t, failure));
    }
  };
  const exportStudies = async () => {
    setExporting(true);
    try {
      const result = await call('imaging.export.studies', { studyIds: [...studyIds], deidentify });
      if (result) {
        setExported(
          [
            t('imaging.export.done', { files: result.files }),
            result.skippedBurnedIn > 0 ? t('imaging.export.skipped', { count: result.skippedBurnedIn }) : '',
            result.skippedNonImage > 0 ? t('imaging.export.skippedNonImage', { count: result.skippedNonImage }) : '',
            result.folder,
          ]
            .filter(Boolean)
            .join(' · '),
        );
      }
    } catch (failure) {
      message.error(errorMessage(t, failure));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap>
      <Dropdown
        disabled={studyIds.length !== 1 || !servers.value?.length || job?.state === 'running'}
        menu={{ items: (servers.value ?? []).map((server) => ({ key: server.id, label: <span data-testid="transfer-send-pacs">{server.name}</span> })), onClick: ({ key }) => void send(key) }}
      >
        <Button data-testid="transfer-send" loading={job?.state === 'running'}>
          {t('imaging.pacs.send')}
        </Button>
      </Dropdown>
      {job && <span data-testid="transfer-send-state" data-state={job.state} hidden />}
      {canExport && (
        <>
          <Tooltip title={t('imaging.export.deidentifyHint')}>
            <Checkbox data-testid="transfer-deidentify" checked={deidentify} onChange={(e) => setDeidentify(e.target.checked)}>
              {t('imaging.export.deidentify')}
            </Checkbox>
          </Tooltip>
          <Button data-testid="transfer-export" disabled={studyIds.length === 0} loading={exporting} onClick={() => void exportStudies()}>
            {t('imaging.export.choose')}
          </Button>
        </>
      )}
      {exported && (
        <Typography.Text data-testid="transfer-export-result" type="secondary">
          {exported}
        </Typography.Text>
      )}
    </Space>
  );
}
