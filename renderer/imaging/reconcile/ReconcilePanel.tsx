/**
 * Studies whose patient matched no chart automatically (or whose details disagreed): link each to
 * the likely chart, to another found by search, or to a new chart made from the image details.
 * Differences are shown and must be confirmed; the chart is never changed.
 * Test ids: `reconcile-table`, `reconcile-row-<studyId>`, `reconcile-link-<studyId>`, `reconcile-other-<studyId>`,
 * `reconcile-create-<studyId>`, `reconcile-search`, `reconcile-search-pick-<patientId>`, `reconcile-create-form`,
 * `reconcile-create-submit`, `reconcile-confirm-different`.
 */
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MISMATCH_FIELDS, type ReconcileItem, type StudySummary } from '../../../preload/contract/imaging.ts';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { applyFieldErrors } from '../../forms/applyFieldErrors.ts';
import { call, toContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useCall } from '../../platform/useCall.ts';

type Mismatch = (typeof MISMATCH_FIELDS)[number];
const isMismatch = (value: string): value is Mismatch => (MISMATCH_FIELDS as readonly string[]).includes(value);

export function ReconcilePanel({ onLinked }: { onLinked?: (study: StudySummary) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const items = useCall('imaging.reconcile.list', { limit: 200 });
  const [searching, setSearching] = useState<ReconcileItem | null>(null);
  const [creating, setCreating] = useState<ReconcileItem | null>(null);

  const fieldsText = (fields: readonly Mismatch[]) => fields.map((field) => t(`imaging.reconcile.fields.${field}`)).join(t('imaging.reconcile.separator'));

  const link = async (item: ReconcileItem, patientId: string, mismatches: readonly Mismatch[]) => {
    const run = async (acknowledgeMismatches: boolean) => {
      try {
        const study = await call('imaging.reconcile.link', { studyId: item.study.id, patientId, acknowledgeMismatches });
        message.success(t('imaging.reconcile.linked'));
        setSearching(null);
        items.reload();
        onLinked?.(study);
      } catch (failure) {
        const error = toContractCallError(failure);
        if (error.code === 'CONFLICT' && error.details.reason === 'mismatch') confirm(String(error.details.fields ?? '').split(',').filter(isMismatch));
        else message.error(errorMessage(t, error));
      }
    };
    const confirm = (fields: readonly Mismatch[]) =>
      modal.confirm({
        title: t('imaging.reconcile.confirmTitle'),
        content: t('imaging.reconcile.confirmBody', { fields: fieldsText(fields) }),
        okText: t('imaging.reconcile.confirmOk'),
        okButtonProps: { danger: true, 'data-testid': 'reconcile-confirm-link' } as ButtonProps,
        onOk: () => run(true),
      });
    if (mismatches.length > 0) confirm(mismatches);
    else await run(false);
  };

  return (
    <>
      <Table<ReconcileItem>
        data-testid="reconcile-table"
        rowKey={(item) => item.study.id}
        size="small"
        loading={items.loading}
        dataSource={items.value ?? []}
        locale={{ emptyText: items.error ? errorMessage(t, items.error) : t('imaging.reconcile.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(item) => ({ 'data-testid': `reconcile-row-${item.study.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('imaging.reconcile.filePatient'),
            render: (_, { study }) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{study.filePatient.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {[study.filePatient.patientId, study.filePatient.birthDate, t(`imaging.reconcile.sexes.${study.filePatient.sex}`)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('imaging.reconcile.study'),
            render: (_, { study }) => (
              <Space orientation="vertical" size={0}>
                <span>{[study.studyDate, study.description].filter(Boolean).join(' · ')}</span>
                <span>
                  {study.modalities.map((modality) => (
                    <Tag key={modality}>{modality}</Tag>
                  ))}
                </span>
              </Space>
            ),
          },
          {
            title: t('imaging.reconcile.candidate'),
            render: (_, { candidate }) =>
              candidate ? (
                <Space orientation="vertical" size={0}>
                  <span>
                    {candidate.fullName} ({candidate.mrn}) <Tag>{t(candidate.reason === 'mrn' ? 'imaging.reconcile.byMrn' : 'imaging.reconcile.byNationalId')}</Tag>
                  </span>
                  {candidate.mismatches.length > 0 && <Tag color="red">{t('imaging.reconcile.mismatch', { fields: fieldsText(candidate.mismatches) })}</Tag>}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('imaging.reconcile.noCandidate')}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            width: 300,
            render: (_, item) => (
              <Space wrap>
                {item.candidate && (
                  <Button data-testid={`reconcile-link-${item.study.id}`} type="primary" size="small" onClick={() => void link(item, item.candidate!.patientId, item.candidate!.mismatches)}>
                    {t('imaging.reconcile.link')}
                  </Button>
                )}
                <Button data-testid={`reconcile-other-${item.study.id}`} size="small" onClick={() => setSearching(item)}>
                  {t('imaging.reconcile.linkOther')}
                </Button>
                <Button data-testid={`reconcile-create-${item.study.id}`} size="small" onClick={() => setCreating(item)}>
                  {t('imaging.reconcile.create')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {searching && <PatientPicker item={searching} onPick={(hit) => void link(searching, hit.id, [])} onClose={() => setSearching(null)} />}
      {creating && (
        <CreatePatientModal
          item={creating}
          onClose={() => setCreating(null)}
          onCreated={(study) => {
            setCreating(null);
            message.success(t('imaging.reconcile.created'));
            items.reload();
            onLinked?.(study);
          }}
        />
      )}
    </>
  );
}

function PatientPicker({ item, onPick, onClose }: { item: ReconcileItem; onPick: (hit: SearchHit) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(item.study.filePatient.patientId);
  const hits = useCall('patients.search', { query: query.trim(), limit: 20 });
  return (
    <Modal open title={t('imaging.reconcile.linkOther')} footer={null} onCancel={onClose} destroyOnHidden>
      <Input.Search data-testid="reconcile-search" autoFocus allowClear defaultValue={query} placeholder={t('imaging.reconcile.searchPlaceholder')} onSearch={setQuery} onChange={(e) => setQuery(e.target.value)} />
      <Table<SearchHit>
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        loading={hits.loading}
        dataSource={hits.value ?? []}
        pagination={false}
        columns={[
          { title: t('imaging.reconcile.fullName'), dataIndex: 'fullName' },
          { title: 'MRN', dataIndex: 'mrn', width: 120 },
          { title: t('imaging.reconcile.birthDate'), dataIndex: 'birthDate', width: 110 },
          {
            key: 'pick',
            width: 80,
            render: (_, hit) => (
              <Button data-testid={`reconcile-search-pick-${hit.id}`} size="small" type="primary" onClick={() => onPick(hit)}>
                {t('imaging.reconcile.link')}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}

interface CreateFields {
  fullName: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birthDate: Dayjs | null;
}

/** A DICOM Person Name as a chart name: the ideographic group if there is one (张^三 → 张三), else "Given Family" order kept as written. */
function chartNameOf(personName: string): string {
  const groups = personName.split('=');
  const ideographic = groups[1]?.trim();
  if (ideographic) return ideographic.replace(/\^/g, '');
  return (groups[0] ?? '').split('^').filter(Boolean).join(' ');
}

function CreatePatientModal({ item, onClose, onCreated }: { item: ReconcileItem; onClose: () => void; onCreated: (study: StudySummary) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateFields>();
  const [duplicate, setDuplicate] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const file = item.study.filePatient;
  const submit = async (values: CreateFields) => {
    setSaving(true);
    setError(null);
    try {
      const study = await call('imaging.reconcile.createPatient', {
        studyId: item.study.id,
        patient: { fullName: values.fullName, sex: values.sex, birthDate: values.birthDate?.format('YYYY-MM-DD') ?? '' },
        confirmedNotDuplicate: confirmed,
      });
      onCreated(study);
    } catch (failure) {
      const contractError = toContractCallError(failure);
      if (contractError.code === 'CONFLICT' && contractError.details.reason === 'duplicate') setDuplicate(true);
      else if (contractError.fields.length > 0) applyFieldErrors(form, contractError, t, { 'patient.fullName': 'fullName', 'patient.sex': 'sex', 'patient.birthDate': 'birthDate' });
      else setError(errorMessage(t, contractError));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('imaging.reconcile.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, disabled: duplicate && !confirmed, 'data-testid': 'reconcile-create-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form<CreateFields>
        data-testid="reconcile-create-form"
        form={form}
        layout="vertical"
        initialValues={{ fullName: chartNameOf(file.name), sex: file.sex, birthDate: file.birthDate ? dayjs(file.birthDate) : null }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="fullName" label={t('imaging.reconcile.fullName')} rules={[{ required: true, whitespace: true, message: t('fieldErrors.required') }]}>
          <Input data-testid="reconcile-create-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="sex" label={t('imaging.reconcile.sex')} rules={[{ required: true }]}>
          <Select data-testid="reconcile-create-sex" options={(['female', 'male', 'other', 'unknown'] as const).map((sex) => ({ value: sex, label: t(`imaging.reconcile.sexes.${sex}`) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={t('imaging.reconcile.birthDate')} rules={[{ required: true, message: t('fieldErrors.required') }]}>
          <DatePicker data-testid="reconcile-create-birth" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          title={t('imaging.reconcile.duplicateWarning')}
          action={
            <Checkbox data-testid="reconcile-confirm-different" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
              {t('imaging.reconcile.confirmNotDuplicate')}
            </Checkbox>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
