/**
 * A study's report: radiologists write findings and impression, save drafts and sign; a signed report
 * is read-only and takes addenda. Others read it.
 * Test ids: `report-panel`, `report-status`, `report-findings`, `report-impression`, `report-save`, `report-sign`,
 * `report-signed-text`, `report-addendum-text`, `report-addendum-add`, `report-addendum` (one per addendum), `report-reload`,
 * `report-concurrent` (each report written for the study on another workstation while apart, read-only).
 */
import { Alert, App, Button, Card, Empty, Form, Input, List, Space, Spin, Tag, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImagingReport, ReportBody } from '../../../preload/contract/imaging.ts';
import { call, toContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';

const formatTime = (epochMs: number) => dayjs(epochMs).format('YYYY-MM-DD HH:mm');

export function ReportPanel({ studyId }: { studyId: string }) {
  const { t } = useTranslation();
  const { role } = useSession();
  const loaded = useCall('imaging.reports.get', { studyId });
  const [report, setReport] = useState<ImagingReport | null>(null);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    setReport(loaded.value ?? null);
    setStale(false);
  }, [loaded.value]);

  if (loaded.loading && !loaded.value) return <Spin />;
  if (loaded.error) return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  const reporter = role === 'radiologist';

  return (
    <Card
      data-testid="report-panel"
      size="small"
      title={t('imaging.reports.title')}
      extra={
        <Tag data-testid="report-status" color={report?.status === 'signed' ? 'green' : report ? 'blue' : 'default'}>
          {t(report?.status === 'signed' ? 'imaging.reports.signed' : report ? 'imaging.reports.draft' : 'imaging.reports.none')}
        </Tag>
      }
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('imaging.reports.stale')}
          action={
            <Button data-testid="report-reload" size="small" onClick={loaded.reload}>
              {t('imaging.reports.reload')}
            </Button>
          }
        />
      )}
      {report?.status === 'signed' ? (
        <SignedReport report={report} canAddAddendum={reporter} onChange={setReport} />
      ) : reporter ? (
        <DraftEditor studyId={studyId} report={report} onSaved={setReport} onStale={() => setStale(true)} />
      ) : report ? (
        <ReportText report={report} />
      ) : (
        <Empty description={t('imaging.reports.readOnly')} />
      )}
      {report?.concurrent.map((other) => <ConcurrentReport key={other.id} report={other} />)}
    </Card>
  );
}

/** A report written for the study on another workstation while the two were apart: shown as written, never edited here. */
function ConcurrentReport({ report }: { report: ReportBody }) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid="report-concurrent"
      type="inner"
      size="small"
      style={{ marginTop: 12 }}
      title={t('imaging.reports.concurrentTitle')}
      extra={<Tag color={report.status === 'signed' ? 'green' : 'blue'}>{t(report.status === 'signed' ? 'imaging.reports.signed' : 'imaging.reports.draft')}</Tag>}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('imaging.reports.concurrentHelp')} />
      <ReportText report={report} />
      <Addenda addenda={report.addenda} />
    </Card>
  );
}

function Addenda({ addenda }: { addenda: ReportBody['addenda'] }) {
  const { t } = useTranslation();
  if (addenda.length === 0) return null;
  return (
    <List
      header={<Typography.Text strong>{t('imaging.reports.addenda')}</Typography.Text>}
      size="small"
      dataSource={addenda}
      renderItem={(addendum) => (
        <List.Item data-testid="report-addendum">
          <Space orientation="vertical" size={0}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{addendum.text}</Typography.Text>
            <Typography.Text type="secondary">
              {addendum.author.name} · {formatTime(addendum.createdAt)}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function ReportText({ report }: { report: ReportBody }) {
  const { t } = useTranslation();
  return (
    <div data-testid="report-signed-text">
      <Typography.Title level={5}>{t('imaging.reports.findings')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.findings}</Typography.Paragraph>
      <Typography.Title level={5}>{t('imaging.reports.impression')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.impression}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {report.signedBy && report.signedAt !== null ? t('imaging.reports.signedBy', { name: report.signedBy.name, time: formatTime(report.signedAt) }) : t('imaging.reports.author', { name: report.author.name })}
      </Typography.Text>
    </div>
  );
}

function DraftEditor({ studyId, report, onSaved, onStale }: { studyId: string; report: ImagingReport | null; onSaved: (report: ImagingReport) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ findings: string; impression: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => form.setFieldsValue({ findings: report?.findings ?? '', impression: report?.impression ?? '' }), [form, report]);

  const fail = (failure: unknown) => {
    const error = toContractCallError(failure);
    if (error.details.reason === 'stale') onStale();
    else if (error.fields.some((field) => field.path === 'impression')) form.setFields([{ name: 'impression', errors: [t('fieldErrors.required')] }]);
    else message.error(errorMessage(t, error));
  };
  const save = async (): Promise<ImagingReport | null> => {
    const { findings, impression } = form.getFieldsValue();
    setBusy(true);
    try {
      const saved = await call('imaging.reports.saveDraft', { studyId, findings: findings ?? '', impression: impression ?? '', expectedUpdatedAt: report?.updatedAt ?? null });
      onSaved(saved);
      return saved;
    } catch (failure) {
      fail(failure);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const sign = () =>
    modal.confirm({
      title: t('imaging.reports.sign'),
      content: t('imaging.reports.signConfirm'),
      okButtonProps: { 'data-testid': 'report-sign-confirm' } as ButtonProps,
      onOk: async () => {
        const saved = await save();
        if (!saved) return;
        try {
          onSaved(await call('imaging.reports.sign', { studyId, expectedUpdatedAt: saved.updatedAt }));
        } catch (failure) {
          fail(failure);
        }
      },
    });

  return (
    <Form form={form} layout="vertical">
      <Form.Item name="findings" label={t('imaging.reports.findings')}>
        <Input.TextArea data-testid="report-findings" autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item name="impression" label={t('imaging.reports.impression')}>
        <Input.TextArea data-testid="report-impression" autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5_000} />
      </Form.Item>
      <Space>
        <Button
          data-testid="report-save"
          loading={busy}
          onClick={() =>
            void save().then((saved) => {
              if (saved) message.success(t('imaging.reports.saved'));
            })
          }
        >
          {t('imaging.reports.saveDraft')}
        </Button>
        <Button data-testid="report-sign" type="primary" disabled={busy} onClick={sign}>
          {t('imaging.reports.sign')}
        </Button>
      </Space>
    </Form>
  );
}

function SignedReport({ report, canAddAddendum, onChange }: { report: ImagingReport; canAddAddendum: boolean; onChange: (report: ImagingReport) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      onChange(await call('imaging.reports.addAddendum', { studyId: report.studyId, text }));
      setText('');
    } catch (failure) {
      message.error(errorMessage(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ReportText report={report} />
      <Addenda addenda={report.addenda} />
      {canAddAddendum && (
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea data-testid="report-addendum-text" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('imaging.reports.addendumPlaceholder')} autoSize={{ minRows: 2 }} maxLength={5_000} />
          <Button data-testid="report-addendum-add" disabled={!text.trim()} loading={busy} onClick={() => void add()}>
            {t('imaging.reports.addAddendum')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}
