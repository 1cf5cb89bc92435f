import { Button, Flex, Form, Input, List, Popconfirm, Switch, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck, SyncStatus } from '../../preload/contract/sync.ts';
import { FormButtons } from '../forms/FormButtons.tsx';
import { FormErrorAlert } from '../forms/FormErrorAlert.tsx';
import { FormModal } from '../forms/FormModal.tsx';
import { requiredRule } from '../forms/rules.ts';
import { useFormSubmit } from '../forms/useFormSubmit.ts';
import { call, toContractCallError } from '../platform/api.ts';
import { problemText } from './problemText.ts';

type Target = SyncStatus['targets'][number];

interface Values {
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
}

interface Props {
  target: Target | 'new' | undefined;
  onClose: () => void;
  onSaved: () => void;
}

const toRequest = (values: Values) => ({
  config: { endpoint: values.endpoint.trim(), region: values.region.trim(), bucket: values.bucket.trim(), prefix: values.prefix.trim(), forcePathStyle: values.forcePathStyle },
  credentials: values.accessKeyId && values.secretAccessKey ? { accessKeyId: values.accessKeyId.trim(), secretAccessKey: values.secretAccessKey } : null,
});

/**
 * Adds or changes an S3-compatible target, with a connection test that checks write, read, list and delete.
 * Test ids: `sync-target-name`, `sync-target-endpoint`, `sync-target-region`, `sync-target-bucket`, `sync-target-prefix`,
 * `sync-target-path-style`, `sync-target-access-key`, `sync-target-secret`, `sync-target-test`, `sync-target-check-<check>`, `sync-target-submit`,
 * `sync-target-remove` (an existing target; confirmed in a popover).
 */
export function TargetModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={target !== undefined} title={target === 'new' ? t('sync.form.addTitle') : t('sync.form.editTitle')} onClose={onClose}>
      {target !== undefined && <TargetForm target={target === 'new' ? null : target} onClose={onClose} onSaved={onSaved} />}
    </FormModal>
  );
}

function TargetForm({ target, onClose, onSaved }: { target: Target | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [checks, setChecks] = useState<ConnectionCheck[]>();
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<string>();
  const save = useCallback((values: Values) => call('sync.targets.save', { ...(target ? { id: target.id } : {}), name: values.name.trim(), ...toRequest(values) }), [target]);
  const { submit, submitting, error } = useFormSubmit(form, save, { onSuccess: onSaved, fieldNames: { 'config.endpoint': 'endpoint', 'config.bucket': 'bucket', 'config.prefix': 'prefix', 'config.region': 'region' } });
  const test = async () => {
    const values = await form.validateFields();
    setTesting(true);
    setTestError(undefined);
    try {
      setChecks((await call('sync.targets.test', { ...(target ? { id: target.id } : {}), ...toRequest(values) })).checks);
    } catch (failure) {
      setChecks(undefined);
      setTestError(toContractCallError(failure).code === 'VALIDATION' ? t('sync.form.keepCredentials') : t('sync.failed'));
    } finally {
      setTesting(false);
    }
  };
  const remove = async (id: string) => {
    setTestError(undefined);
    try {
      await call('sync.targets.remove', { id });
      onSaved();
    } catch {
      setTestError(t('sync.failed'));
    }
  };
  const initial: Values = target
    ? { name: target.name, ...target.config }
    : { name: '', endpoint: '', region: 'us-east-1', bucket: '', prefix: '', forcePathStyle: true };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
      <FormErrorAlert message={error && t('sync.failed')} testId="sync-target-error" />
      <Form.Item name="name" label={t('sync.form.name')} rules={[requiredRule(t)]}>
        <Input data-testid="sync-target-name" />
      </Form.Item>
      <Form.Item name="endpoint" label={t('sync.form.endpoint')} extra={t('sync.form.endpointHelp')}>
        <Input data-testid="sync-target-endpoint" />
      </Form.Item>
      <Form.Item name="region" label={t('sync.form.region')} rules={[requiredRule(t)]}>
        <Input data-testid="sync-target-region" />
      </Form.Item>
      <Form.Item name="bucket" label={t('sync.form.bucket')} rules={[requiredRule(t)]}>
        <Input data-testid="sync-target-bucket" />
      </Form.Item>
      <Form.Item name="prefix" label={t('sync.form.prefix')}>
        <Input data-testid="sync-target-prefix" />
      </Form.Item>
      <Form.Item name="forcePathStyle" label={t('sync.form.pathStyle')} valuePropName="checked">
        <Switch data-testid="sync-target-path-style" />
      </Form.Item>
      <Form.Item name="accessKeyId" label={t('sync.form.accessKeyId')} extra={target?.hasCredentials ? t('sync.form.keepCredentials') : undefined} rules={target?.hasCredentials ? [] : [requiredRule(t)]}>
        <Input autoComplete="off" data-testid="sync-target-access-key" />
      </Form.Item>
      <Form.Item name="secretAccessKey" label={t('sync.form.secretAccessKey')} rules={target?.hasCredentials ? [] : [requiredRule(t)]}>
        <Input.Password autoComplete="new-password" data-testid="sync-target-secret" />
      </Form.Item>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Button onClick={() => void test()} loading={testing} data-testid="sync-target-test">
          {t('sync.form.test')}
        </Button>
        {target && (
          <Popconfirm title={t('sync.form.removeConfirm')} okButtonProps={{ danger: true }} onConfirm={() => remove(target.id)}>
            <Button danger data-testid="sync-target-remove">
              {t('sync.form.remove')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <FormErrorAlert message={testError} testId="sync-target-test-error" />
      {checks && (
        <List
          size="small"
          dataSource={checks}
          renderItem={(check) => (
            <List.Item data-testid={`sync-target-check-${check.check}`}>
              <Tag color={check.ok ? 'green' : 'red'}>{t(`sync.form.checks.${check.check}`)}</Tag>
              {check.code === null ? t('sync.form.checkOk') : problemText(t, { code: check.code, detail: check.detail })}
            </List.Item>
          )}
          style={{ marginBottom: 12 }}
        />
      )}
      <FormButtons submitLabel={t('sync.form.save')} submitTestId="sync-target-submit" submitting={submitting} onCancel={onClose} />
    </Form>
  );
}
