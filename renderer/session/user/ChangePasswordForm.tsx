import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { NewPasswordFields } from '../../forms/NewPasswordFields.tsx';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { credentialErrorMessage } from '../credentialErrorMessage.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const changePassword = ({ currentPassword, newPassword }: Values) => call('session.changePassword', { currentPassword, newPassword });

/** One's own password: the current one proves it is really the signed-in user at the desk. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, changePassword, {
    onSuccess: () => {
      void message.success(t('session.changePassword.done'));
      onDone();
    },
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <FormErrorAlert testId="change-password-error" message={error && credentialErrorMessage(t, error, t('session.changePassword.wrongCurrent'))} />
      <Form.Item name="currentPassword" label={t('session.changePassword.current')} rules={[{ required: true, message: t('forms.required') }]}>
        <Input.Password autoFocus autoComplete="current-password" data-testid="change-password-current" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label={t('session.changePassword.new')} confirmLabel={t('session.changePassword.confirm')} testId="change-password-new" />
      <FormButtons submitLabel={t('session.changePassword.submit')} submitTestId="change-password-submit" submitting={submitting} onCancel={onDone} />
    </Form>
  );
}
