/**
 * Bringing DICOM images in: drop files or folders, or choose them (a CD's DICOMDIR, a USB disk);
 * progress with cancel; a report of what was imported, skipped as duplicate, or refused and why.
 * Test ids: `import-dropzone`, `import-choose-files`, `import-choose-folder`, `import-progress`, `import-cancel`,
 * `import-report`, `import-imported`, `import-duplicates`, `import-rejected-count`, `import-rejected-row` (data-reason).
 */
import { Alert, Button, Card, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobStatus, ImportReportView } from '../../../preload/contract/imaging.ts';
import { call, onEvent } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

export function ImportPanel({ onImported }: { onImported?: (studyIds: readonly string[]) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ImportJobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const running = status?.state === 'running';

  useEffect(() => {
    if (!status || status.state !== 'running') return;
    const { jobId } = status;
    let finished = false;
    const fetchStatus = () =>
      call('imaging.import.status', { jobId }).then(
        (latest) => {
          if (finished || latest.state === 'running') return;
          finished = true;
          setStatus(latest);
          if (latest.report && latest.report.studyIds.length > 0) onImported?.(latest.report.studyIds);
        },
        (failure: unknown) => setError(errorMessage(t, failure)),
      );
    const off = onEvent('job.progress', (event) => {
      if (event.jobId !== jobId) return;
      if (event.state === 'running') {
        setStatus((current) => (current && current.jobId === jobId ? { ...current, phase: event.phase === 'importing' ? 'importing' : 'scanning', done: event.done, total: event.total } : current));
      } else void fetchStatus();
    });
    // A job can end before this subscription exists; a slow poll catches that.
    const poll = setInterval(() => void fetchStatus(), 1_000);
    return () => {
      off();
      clearInterval(poll);
    };
  }, [status?.jobId, status?.state, onImported, t]);

  const start = async (request: () => Promise<{ jobId: string } | null>) => {
    setError(null);
    try {
      const started = await request();
      if (started) setStatus({ jobId: started.jobId, state: 'running', phase: 'scanning', done: 0, total: null, report: null });
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    const paths = [...event.dataTransfer.files].map((file) => window.workstation?.pathForFile(file) ?? null).filter((path): path is string => !!path);
    if (paths.length === 0) {
      setError(t('imaging.import.dropUnavailable'));
      return;
    }
    void start(() => call('imaging.import.start', { paths }));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <div
        data-testid="import-dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${dragging ? '#1677ff' : '#8c8c8c'}`,
          borderRadius: 8,
          padding: 32,
          textAlign: 'center',
          opacity: running ? 0.5 : 1,
        }}
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('imaging.import.dropHint')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('imaging.import.dropSubHint')}</Typography.Paragraph>
        <Space>
          <Button data-testid="import-choose-files" disabled={running} onClick={() => void start(() => call('imaging.import.choose', { kind: 'files' }))}>
            {t('imaging.import.chooseFiles')}
          </Button>
          <Button data-testid="import-choose-folder" disabled={running} onClick={() => void start(() => call('imaging.import.choose', { kind: 'folder' }))}>
            {t('imaging.import.chooseFolder')}
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {status && running && <ImportProgress status={status} />}
      {status?.state === 'failed' && <Alert type="error" showIcon title={t('imaging.import.failed')} />}
      {status?.report && <ImportReport report={status.report} />}
    </Space>
  );
}

function ImportProgress({ status }: { status: ImportJobStatus }) {
  const { t } = useTranslation();
  const percent = status.total ? Math.floor((status.done / status.total) * 100) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
      <Typography.Text>{status.phase === 'scanning' ? t('imaging.import.scanning') : t('imaging.import.importing', { done: status.done, total: status.total ?? 0 })}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Button data-testid="import-cancel" danger onClick={() => void call('imaging.import.cancel', { jobId: status.jobId }).catch(() => {})}>
        {t('imaging.import.cancel')}
      </Button>
    </Space>
  );
}

function ImportReport({ report }: { report: ImportReportView }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="import-report" size="small" title={report.cancelled ? t('imaging.import.cancelled') : t('imaging.import.done')}>
      <Space size="large" wrap>
        <Statistic title={t('imaging.import.files')} value={report.files} />
        <Statistic data-testid="import-imported" title={t('imaging.import.imported')} value={report.imported} />
        <Statistic data-testid="import-duplicates" title={t('imaging.import.duplicates')} value={report.duplicates} />
        <Statistic data-testid="import-rejected-count" title={t('imaging.import.rejected')} value={report.rejected.length} />
      </Space>
      {report.rejected.length > 0 ? (
        <Table
          size="small"
          rowKey="file"
          style={{ marginTop: 16 }}
          dataSource={report.rejected}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(row) => ({ 'data-testid': 'import-rejected-row', 'data-reason': row.reason }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('imaging.import.rejectedFile'), dataIndex: 'file', ellipsis: true },
            { title: t('imaging.import.rejectedReason'), width: 320, render: (_, row) => t(`imaging.reasons.${row.reason}`) },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('imaging.import.noRejected')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
