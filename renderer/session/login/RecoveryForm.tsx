import { Button, Form, Input, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { NewPasswordFields } from '../../forms/NewPasswordFields.tsx';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call, type ContractCallError } from '../../platform/api.ts';
import { credentialErrorMessage } from '../credentialErrorMessage.ts';

interface Values {
  recoveryKey: string;
  username: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const recover = ({ recoveryKey, username, newPassword }: Values) => call('session.recoverAccount', { recoveryKey, username, newPassword });

interface Props {
  /** The password of `username` was reset. */
  onReset: (username: string) => void;
  onBack: () => void;
}

/** Sets a new password for any account with the clinic's recovery key. */
export function RecoveryForm({ onReset, onBack }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // Recovery answers NOT_FOUND only for the username.
  const markUnknownUser = useCallback(
    (error: ContractCallError) => {
      if (error.code === 'NOT_FOUND') form.setFields([{ name: 'username', errors: [t('session.recover.unknownUser')] }]);
    },
    [form, t],
  );
  const { submit, submitting, error } = useFormSubmit(form, recover, {
    onSuccess: (_result, values) => onReset(values.username.trim()),
    onError: markUnknownUser,
  });
  const alert = error && (error.code === 'NOT_FOUND' ? t('session.recover.unknownUser') : credentialErrorMessage(t, error, t('session.recover.wrongKey')));

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <Typography.Paragraph type="secondary">{t('session.recover.intro')}</Typography.Paragraph>
      <FormErrorAlert testId="recover-error" message={alert} />
      <Form.Item name="recoveryKey" label={t('session.recover.recoveryKey')} rules={[requiredRule(t)]}>
        <Input autoFocus autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="recover-key" />
      </Form.Item>
      <Form.Item name="username" label={t('session.recover.username')} rules={[requiredRule(t)]}>
        <Input autoComplete="username" data-testid="recover-username" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label={t('session.recover.newPassword')} confirmLabel={t('session.recover.confirmPassword')} testId="recover-password" />
      <Button type="primary" htmlType="submit" block loading={submitting} data-testid="recover-submit">
        {t('session.recover.submit')}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
        {t('session.recover.backToLogin')}
      </Button>
    </Form>
  );
}
