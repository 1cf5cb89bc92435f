/**
 * The hospital PACS over DICOMweb: servers (administrators configure them), a study search, and
 * retrieval into this workstation with progress.
 * Test ids: `pacs-server-select`, `pacs-add`, `pacs-edit`, `pacs-remove`, `pacs-test`, `pacs-form`, `pacs-form-save`,
 * `pacs-search-name`, `pacs-search-id`, `pacs-search-accession`, `pacs-search`, `pacs-results`,
 * `pacs-retrieve-<studyInstanceUid>`, `pacs-job`.
 */
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Progress, Select, Space, Switch, Table, Tag, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PACS_FAILURES, type PacsFailure, type PacsServer, type PacsStudy } from '../../../preload/contract/imaging.ts';
import { call, toContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { usePacsJob } from './usePacsJob.ts';

const isFailure = (value: unknown): value is PacsFailure => typeof value === 'string' && (PACS_FAILURES as readonly string[]).includes(value);

export function PacsPanel({ onRetrieved }: { onRetrieved?: (studyIds: readonly string[]) => void }) {
  const { t } = useTranslation();
  const { role } = useSession();
  const { message } = App.useApp();
  const servers = useCall('imaging.pacs.list', {});
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<PacsServer | 'new' | null>(null);
  const server = servers.value?.find((s) => s.id === selected) ?? servers.value?.[0] ?? null;
  const admin = role === 'admin';

  const test = async () => {
    if (!server) return;
    try {
      const result = await call('imaging.pacs.test', { id: server.id });
      if (result.ok) message.success(t('imaging.pacs.testOk'));
      else message.error(t('imaging.pacs.testFailed', { reason: result.failure ? t(`imaging.pacs.failures.${result.failure}`) : '' }));
    } catch (failure) {
      message.error(errorMessage(t, failure));
    }
  };
  const remove = async () => {
    if (!server) return;
    try {
      await call('imaging.pacs.remove', { id: server.id });
      setSelected(null);
      servers.reload();
    } catch (failure) {
      message.error(errorMessage(t, failure));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('imaging.pacs.servers')}>
        {servers.value && servers.value.length === 0 ? (
          <Empty description={t('imaging.pacs.empty')}>
            {admin && (
              <Button data-testid="pacs-add" type="primary" onClick={() => setEditing('new')}>
                {t('imaging.pacs.add')}
              </Button>
            )}
          </Empty>
        ) : (
          <Space wrap>
            <Select
              data-testid="pacs-server-select"
              style={{ minWidth: 280 }}
              loading={servers.loading}
              value={server?.id}
              onChange={setSelected}
              options={(servers.value ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${s.baseUrl}` }))}
            />
            <Button data-testid="pacs-test" disabled={!server} onClick={() => void test()}>
              {t('imaging.pacs.test')}
            </Button>
            {admin && (
              <>
                <Button data-testid="pacs-add" onClick={() => setEditing('new')}>
                  {t('imaging.pacs.add')}
                </Button>
                <Button data-testid="pacs-edit" disabled={!server} onClick={() => server && setEditing(server)}>
                  {t('imaging.pacs.edit')}
                </Button>
                <Button data-testid="pacs-remove" danger disabled={!server} onClick={() => void remove()}>
                  {t('imaging.pacs.remove')}
                </Button>
              </>
            )}
          </Space>
        )}
      </Card>
      {server && <PacsSearch server={server} onRetrieved={onRetrieved} />}
      {editing && (
        <PacsServerForm
          server={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setSelected(saved.id);
            servers.reload();
          }}
        />
      )}
    </Space>
  );
}

interface SearchFields {
  patientName?: string;
  patientId?: string;
  accession?: string;
  modality?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

function PacsSearch({ server, onRetrieved }: { server: PacsServer; onRetrieved?: ((studyIds: readonly string[]) => void) | undefined }) {
  const { t } = useTranslation();
  const [results, setResults] = useState<PacsStudy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = usePacsJob(jobId);

  useEffect(() => {
    if (job?.state === 'succeeded' && job.studyIds.length > 0) onRetrieved?.(job.studyIds);
  }, [job?.state, job?.studyIds, onRetrieved]);

  const search = async (fields: SearchFields) => {
    setLoading(true);
    setError(null);
    const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
    try {
      setResults(
        await call('imaging.pacs.search', {
          pacsId: server.id,
          patientName: optional(fields.patientName),
          patientId: optional(fields.patientId),
          accession: optional(fields.accession),
          modality: optional(fields.modality),
          studyDateFrom: fields.dates?.[0]?.format('YYYY-MM-DD'),
          studyDateTo: fields.dates?.[1]?.format('YYYY-MM-DD'),
          limit: 100,
        }),
      );
    } catch (failure) {
      const contractError = toContractCallError(failure);
      const reason = contractError.details.reason;
      setError(isFailure(reason) ? t(`imaging.pacs.failures.${reason}`) : errorMessage(t, contractError));
    } finally {
      setLoading(false);
    }
  };
  const retrieve = async (study: PacsStudy) => {
    try {
      setJobId((await call('imaging.pacs.retrieve', { pacsId: server.id, studyInstanceUid: study.studyInstanceUid })).jobId);
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };

  return (
    <Card size="small" title={t('imaging.pacs.search')}>
      <Form<SearchFields> layout="inline" onFinish={(fields) => void search(fields)}>
        <Form.Item name="patientName" label={t('imaging.pacs.patientName')}>
          <Input data-testid="pacs-search-name" allowClear />
        </Form.Item>
        <Form.Item name="patientId" label={t('imaging.pacs.patientId')}>
          <Input data-testid="pacs-search-id" allowClear />
        </Form.Item>
        <Form.Item name="accession" label={t('imaging.pacs.accession')}>
          <Input data-testid="pacs-search-accession" allowClear />
        </Form.Item>
        <Form.Item name="modality" label={t('imaging.pacs.modality')}>
          <Input style={{ width: 80 }} allowClear />
        </Form.Item>
        <Form.Item name="dates" label={t('imaging.pacs.studyDate')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Button data-testid="pacs-search" type="primary" htmlType="submit" loading={loading}>
            {t('imaging.pacs.search')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
      {job && (
        <div data-testid="pacs-job" data-state={job.state} style={{ marginTop: 12 }}>
          <Progress percent={job.total ? Math.floor((job.done / job.total) * 100) : 0} status={job.state === 'failed' ? 'exception' : job.state === 'running' ? 'active' : 'success'} />
          {job.state === 'running' && t('imaging.pacs.retrieving')}
          {job.state === 'succeeded' && t('imaging.pacs.retrieved', { imported: job.succeeded, duplicates: job.duplicates })}
          {job.state === 'failed' && t('imaging.pacs.testFailed', { reason: job.failure ? t(`imaging.pacs.failures.${job.failure}`) : '' })}
        </div>
      )}
      {results && (
        <Table<PacsStudy>
          data-testid="pacs-results"
          style={{ marginTop: 12 }}
          rowKey="studyInstanceUid"
          size="small"
          dataSource={results}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('imaging.pacs.patientName'), dataIndex: 'patientName' },
            { title: t('imaging.pacs.patientId'), dataIndex: 'patientId', width: 140 },
            { title: t('imaging.pacs.studyDate'), dataIndex: 'studyDate', width: 110 },
            { title: t('imaging.pacs.modality'), width: 110, render: (_, study) => study.modalities.map((m) => <Tag key={m}>{m}</Tag>) },
            { dataIndex: 'description', ellipsis: true },
            { title: t('imaging.pacs.accession'), dataIndex: 'accessionNumber', width: 120 },
            {
              key: 'retrieve',
              width: 100,
              render: (_, study) => (
                <Button data-testid={`pacs-retrieve-${study.studyInstanceUid}`} size="small" disabled={job?.state === 'running'} onClick={() => void retrieve(study)}>
                  {t('imaging.pacs.retrieve')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

interface ServerFields {
  name: string;
  baseUrl: string;
  auth: PacsServer['auth'];
  username?: string;
  secret?: string;
  forwardNew: boolean;
}

function PacsServerForm({ server, onClose, onSaved }: { server: PacsServer | null; onClose: () => void; onSaved: (server: PacsServer) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServerFields>();
  const auth = Form.useWatch('auth', form) ?? server?.auth ?? 'none';
  const [error, setError] = useState<string | null>(null);
  const save = async (fields: ServerFields) => {
    setError(null);
    try {
      onSaved(
        await call('imaging.pacs.save', {
          ...(server ? { id: server.id } : {}),
          name: fields.name,
          baseUrl: fields.baseUrl.trim(),
          auth: fields.auth,
          username: fields.username ?? '',
          ...(fields.secret ? { secret: fields.secret } : {}),
          forwardNew: fields.forwardNew,
        }),
      );
    } catch (failure) {
      setError(errorMessage(t, failure));
    }
  };
  return (
    <Modal open title={server ? t('imaging.pacs.edit') : t('imaging.pacs.add')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'pacs-form-save' } as ButtonProps} destroyOnHidden>
      <Form<ServerFields>
        data-testid="pacs-form"
        form={form}
        layout="vertical"
        initialValues={{ name: server?.name ?? '', baseUrl: server?.baseUrl ?? 'https://', auth: server?.auth ?? 'none', username: server?.username ?? '', forwardNew: server?.forwardNew ?? false }}
        onFinish={(fields) => void save(fields)}
      >
        <Form.Item name="name" label={t('imaging.pacs.name')} rules={[{ required: true, whitespace: true, message: t('fieldErrors.required') }]}>
          <Input data-testid="pacs-form-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="baseUrl" label={t('imaging.pacs.baseUrl')} rules={[{ required: true, type: 'url', message: t('fieldErrors.invalid') }]}>
          <Input data-testid="pacs-form-url" placeholder="https://pacs.example/dicom-web" />
        </Form.Item>
        <Form.Item name="auth" label={t('imaging.pacs.auth')}>
          <Select
            data-testid="pacs-form-auth"
            options={[
              { value: 'none', label: t('imaging.pacs.authNone') },
              { value: 'basic', label: t('imaging.pacs.authBasic') },
              { value: 'bearer', label: t('imaging.pacs.authBearer') },
            ]}
          />
        </Form.Item>
        {auth === 'basic' && (
          <Form.Item name="username" label={t('imaging.pacs.username')}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {auth !== 'none' && (
          <Form.Item name="secret" label={auth === 'basic' ? t('imaging.pacs.password') : t('imaging.pacs.token')} extra={server?.hasSecret ? t('imaging.pacs.secretKept') : undefined}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="forwardNew" label={t('imaging.pacs.forwardNew')} extra={t('imaging.pacs.forwardNewHelp')} valuePropName="checked">
          <Switch data-testid="pacs-form-forward" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
