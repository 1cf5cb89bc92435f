import { App, Button, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { usePolicy } from '../../preferences/PreferencesContext.ts';

interface Values {
  idleLockMinutes: number;
}

// Mirrors policySchema.idleLockMinutes.
const IDLE_MIN = 1;
const IDLE_MAX = 240;

const savePolicy = (values: Values) => call('settings.setPolicy', values);

/** Workstation security policy; main applies a new idle lock to running sessions at once. */
export function PolicyTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { idleLockMinutes } = usePolicy();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, savePolicy, { onSuccess: () => void message.success(t('admin.policy.saved')) });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ idleLockMinutes }} style={{ maxWidth: 480 }}>
      <FormErrorAlert testId="policy-error" message={error && errorMessage(t, error)} />
      <Form.Item
        name="idleLockMinutes"
        label={t('admin.policy.idleMinutes')}
        extra={t('admin.policy.idleHint')}
        rules={[
          { required: true, message: t('forms.required') },
          { type: 'integer', min: IDLE_MIN, max: IDLE_MAX, message: t('admin.policy.idleHint') },
        ]}
      >
        <InputNumber min={IDLE_MIN} max={IDLE_MAX} precision={0} style={{ width: 160 }} data-testid="policy-idle-minutes" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="policy-save">
        {t('admin.policy.save')}
      </Button>
    </Form>
  );
}
