import { App, Form } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { NewPasswordFields } from '../../forms/NewPasswordFields.tsx';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

interface Values {
  newPassword: string;
  newPasswordConfirm: string;
}

interface Props {
  account: Account;
  onCancel: () => void;
  onReset: () => void;
}

/** Sets a new password for someone else, which also clears a sign-in lockout. */
export function ResetPasswordForm({ account, onCancel, onReset }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useCallback(({ newPassword }: Values) => call('accounts.resetPassword', { userId: account.id, newPassword }), [account.id]);
  const { submit, submitting, error } = useFormSubmit(form, reset, {
    onSuccess: () => {
      void message.success(t('admin.users.passwordReset', { username: account.username }));
      onReset();
    },
  });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <FormErrorAlert testId="user-reset-error" message={error && errorMessage(t, error)} />
      <NewPasswordFields name="newPassword" label={t('admin.users.newPassword')} confirmLabel={t('admin.users.confirmPassword')} testId="user-reset-password" autoFocus />
      <FormButtons submitLabel={t('admin.users.resetPassword')} submitTestId="user-reset-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
