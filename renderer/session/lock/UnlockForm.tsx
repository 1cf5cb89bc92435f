import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../preload/contract/session.ts';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { credentialErrorMessage } from '../credentialErrorMessage.ts';

interface Values {
  password: string;
}

const unlock = (values: Values) => call('session.unlock', values);

export function UnlockForm({ onUnlocked }: { onUnlocked: (view: SessionView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, unlock, {
    onSuccess: onUnlocked,
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <FormErrorAlert testId="unlock-error" message={error && credentialErrorMessage(t, error, t('session.lock.wrongPassword'))} />
      <Form.Item name="password" label={t('session.lock.password')} rules={[{ required: true, message: t('forms.required') }]}>
        <Input.Password autoFocus autoComplete="current-password" data-testid="unlock-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting} data-testid="unlock-submit">
        {t('session.lock.submit')}
      </Button>
    </Form>
  );
}
