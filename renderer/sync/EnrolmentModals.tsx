import { Alert, Form, Input, Radio, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../forms/FormButtons.tsx';
import { FormErrorAlert } from '../forms/FormErrorAlert.tsx';
import { FormModal } from '../forms/FormModal.tsx';
import { requiredRule } from '../forms/rules.ts';
import { useFormSubmit } from '../forms/useFormSubmit.ts';
import { call } from '../platform/api.ts';

/** Offers the sealed enrolment file as a download; it is useless without the passphrase. */
function download(file: string): void {
  const url = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'clinic-enrolment.json';
  link.click();
  URL.revokeObjectURL(url);
}

type Method = 'passphrase' | 'recoveryKey';

/**
 * Creates an enrolment file under a passphrase, or sealed to this workstation's recovery key (nothing to agree on;
 * whoever holds the printed recovery key opens it on the new workstation).
 * Test ids: `sync-enrol-method-passphrase`, `sync-enrol-method-recovery`, `sync-enrol-passphrase`, `sync-enrol-submit`, `sync-enrol-done`.
 */
export function EnrolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: Method; passphrase: string }>();
  const method = Form.useWatch('method', form) ?? 'passphrase';
  const [done, setDone] = useState(false);
  const create = useCallback(
    (values: { method: Method; passphrase: string }) =>
      call('sync.enrolment.create', values.method === 'recoveryKey' ? { sealTo: 'recoveryKey' } : { passphrase: values.passphrase }),
    [],
  );
  const { submit, submitting, error } = useFormSubmit(form, create, {
    onSuccess: ({ file }) => {
      download(file);
      setDone(true);
    },
  });
  return (
    <FormModal open={open} title={t('sync.enrol.title')} onClose={onClose}>
      <Typography.Paragraph>{t(method === 'recoveryKey' ? 'sync.enrol.recoveryIntro' : 'sync.enrol.intro')}</Typography.Paragraph>
      {done && <Alert type="success" showIcon title={t('sync.enrol.saved')} data-testid="sync-enrol-done" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ method: 'passphrase' }} onFinish={submit} requiredMark={false}>
        <FormErrorAlert message={error && !error.fields.length ? t('sync.failed') : undefined} testId="sync-enrol-error" />
        <Form.Item name="method" label={t('sync.enrol.method')}>
          <Radio.Group>
            <Radio value="passphrase" data-testid="sync-enrol-method-passphrase">
              {t('sync.enrol.byPassphrase')}
            </Radio>
            <Radio value="recoveryKey" data-testid="sync-enrol-method-recovery">
              {t('sync.enrol.byRecoveryKey')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {method === 'passphrase' && (
          <Form.Item name="passphrase" label={t('sync.enrol.passphrase')} rules={[requiredRule(t), { min: 12, message: t('sync.enrol.intro') }]}>
            <Input.Password autoComplete="new-password" data-testid="sync-enrol-passphrase" />
          </Form.Item>
        )}
        <FormButtons submitLabel={t('sync.enrol.create')} submitTestId="sync-enrol-submit" submitting={submitting} onCancel={onClose} />
      </Form>
    </FormModal>
  );
}

/**
 * Joins a clinic with an enrolment file and its passphrase, or the recovery key of the workstation that made it.
 * Test ids: `sync-join-file`, `sync-join-method-passphrase`, `sync-join-method-recovery`, `sync-join-passphrase`,
 * `sync-join-recovery-key`, `sync-join-submit`, `sync-join-done`.
 */
export function JoinModal({ open, onClose, onJoined }: { open: boolean; onClose: () => void; onJoined: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: Method; passphrase: string; recoveryKey: string }>();
  const method = Form.useWatch('method', form) ?? 'passphrase';
  const [file, setFile] = useState<string>();
  const [joined, setJoined] = useState<string>();
  const join = useCallback(
    (values: { method: Method; passphrase: string; recoveryKey: string }) =>
      call('sync.enrolment.join', values.method === 'recoveryKey' ? { file: file ?? '', recoveryKey: values.recoveryKey } : { file: file ?? '', passphrase: values.passphrase }),
    [file],
  );
  const { submit, submitting, error } = useFormSubmit(form, join, {
    onSuccess: ({ clinicName, targets }) => {
      setJoined(t('sync.join.joined', { clinic: clinicName, targets }));
      onJoined();
    },
  });
  return (
    <FormModal open={open} title={t('sync.join.title')} onClose={onClose}>
      {joined && <Alert type="success" showIcon title={joined} data-testid="sync-join-done" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ method: 'passphrase' }} onFinish={submit} requiredMark={false}>
        <FormErrorAlert message={error && !error.fields.length ? t('sync.failed') : undefined} testId="sync-join-error" />
        <Form.Item label={t('sync.join.file')} required>
          <input type="file" accept="application/json,.json" data-testid="sync-join-file" onChange={(event) => void event.target.files?.[0]?.text().then(setFile)} />
        </Form.Item>
        <Form.Item name="method" label={t('sync.join.method')}>
          <Radio.Group>
            <Radio value="passphrase" data-testid="sync-join-method-passphrase">
              {t('sync.join.byPassphrase')}
            </Radio>
            <Radio value="recoveryKey" data-testid="sync-join-method-recovery">
              {t('sync.join.byRecoveryKey')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {method === 'passphrase' ? (
          <Form.Item name="passphrase" label={t('sync.join.passphrase')} rules={[requiredRule(t)]}>
            <Input.Password autoComplete="off" data-testid="sync-join-passphrase" />
          </Form.Item>
        ) : (
          <Form.Item name="recoveryKey" label={t('sync.join.recoveryKey')} extra={t('sync.join.recoveryKeyHelp')} rules={[requiredRule(t)]}>
            <Input.Password autoComplete="off" spellCheck={false} data-testid="sync-join-recovery-key" />
          </Form.Item>
        )}
        <FormButtons submitLabel={t('sync.join.submit')} submitTestId="sync-join-submit" submitting={submitting} onCancel={onClose} />
      </Form>
    </FormModal>
  );
}
