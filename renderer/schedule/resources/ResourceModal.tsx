import { Form, Input, Radio, Select, Switch } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import type { ResourceKind, ScheduleResource } from '../../../preload/contract/schedule.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { FormModal } from '../../forms/FormModal.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { scheduleErrorMessage } from '../scheduleErrorMessage.ts';

interface Values {
  kind: ResourceKind;
  name: string;
  userId?: string | null;
  active: boolean;
}

interface Props {
  resource: ScheduleResource | 'new' | undefined;
  accounts: readonly Account[];
  onClose: () => void;
  onSaved: () => void;
}

const KINDS: readonly ResourceKind[] = ['provider', 'room', 'modality'];

/**
 * Add or change a provider, room or modality. The kind is fixed once created;
 * a provider may be linked to a physician's or radiologist's account.
 * Test ids: `resource-kind-<kind>`, `resource-name`, `resource-account`, `resource-active`, `resource-submit`.
 */
export function ResourceModal({ resource, accounts, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={resource !== undefined} title={resource === 'new' ? t('schedule.resources.addTitle') : t('schedule.resources.editTitle')} onClose={onClose}>
      {resource !== undefined && <ResourceForm resource={resource === 'new' ? null : resource} accounts={accounts} onClose={onClose} onSaved={onSaved} />}
    </FormModal>
  );
}

function ResourceForm({ resource, accounts, onClose, onSaved }: Omit<Props, 'resource'> & { resource: ScheduleResource | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? resource?.kind ?? 'provider';
  const save = useCallback(
    (values: Values) =>
      call('schedule.resources.save', {
        ...(resource ? { id: resource.id } : {}),
        kind: values.kind,
        name: values.name.trim(),
        userId: values.kind === 'provider' ? (values.userId ?? null) : null,
        active: values.active,
      }),
    [resource],
  );
  const { submit, submitting, error } = useFormSubmit(form, save, { onSuccess: onSaved });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={resource ? { kind: resource.kind, name: resource.name, userId: resource.userId, active: resource.active } : { kind: 'provider', name: '', userId: null, active: true }}
      onFinish={(values) => void submit(values)}
    >
      <FormErrorAlert testId="resource-error" message={error && scheduleErrorMessage(t, error)} />
      <Form.Item name="kind" label={t('schedule.resources.kind')}>
        <Radio.Group disabled={resource !== null}>
          {KINDS.map((value) => (
            <Radio.Button key={value} value={value} data-testid={`resource-kind-${value}`}>
              {t(`schedule.kinds.${value}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="name" label={t('schedule.resources.name')} rules={[requiredRule(t), { max: 100, message: t('fieldErrors.tooBig') }]}>
        <Input autoFocus maxLength={100} data-testid="resource-name" />
      </Form.Item>
      {kind === 'provider' && (
        <Form.Item name="userId" label={t('schedule.resources.account')} extra={t('schedule.resources.accountHint')}>
          <Select allowClear options={accounts.map((account) => ({ value: account.id, label: `${account.displayName} (${account.username})` }))} data-testid="resource-account" />
        </Form.Item>
      )}
      <Form.Item name="active" label={t('schedule.resources.state')} valuePropName="checked" extra={t('schedule.resources.activeHint')}>
        <Switch data-testid="resource-active" />
      </Form.Item>
      <FormButtons submitLabel={t('schedule.resources.save')} submitTestId="resource-submit" submitting={submitting} onCancel={onClose} />
    </Form>
  );
}
