import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../preload/contract/session.ts';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { credentialErrorMessage } from '../credentialErrorMessage.ts';

interface Values {
  username: string;
  password: string;
}

const signIn = (values: Values) => call('session.login', values);

interface Props {
  initialUsername: string | undefined;
  onSignedIn: (view: SessionView) => void;
  onForgot: () => void;
}

export function LoginForm({ initialUsername, onSignedIn, onForgot }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, signIn, {
    onSuccess: onSignedIn,
    // A rejected password is typed again from scratch.
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ username: initialUsername }}>
      <FormErrorAlert
        testId="login-error"
        // Sign-in answers FORBIDDEN only for a disabled account.
        message={error && (error.code === 'FORBIDDEN' ? t('session.login.disabled') : credentialErrorMessage(t, error, t('session.login.wrongCredentials')))}
      />
      <Form.Item name="username" label={t('session.login.username')} rules={[requiredRule(t)]}>
        <Input autoFocus={!initialUsername} autoComplete="username" data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('session.login.password')} rules={[{ required: true, message: t('forms.required') }]}>
        <Input.Password autoFocus={Boolean(initialUsername)} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
        {t('session.login.submit')}
      </Button>
      <Button type="link" block onClick={onForgot} data-testid="recover-open" style={{ marginTop: 8 }}>
        {t('session.login.forgot')}
      </Button>
    </Form>
  );
}
