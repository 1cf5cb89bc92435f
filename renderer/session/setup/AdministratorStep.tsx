import { Button, Flex, Form, Input, Typography, type FormInstance, type InputRef } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../forms/applyFieldErrors.ts';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { displayNameRules, usernameRules } from '../../forms/rules.ts';
import { NewPasswordFields } from '../../forms/NewPasswordFields.tsx';
import { useFocusWhen } from '../../forms/useFocusWhen.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import type { ClinicValues } from './ClinicStep.tsx';
import type { IssuedKey } from './issuedKey.ts';

interface Values {
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
}

interface Props {
  clinicForm: FormInstance<ClinicValues>;
  active: boolean;
  onBack: () => void;
  /** Main refused the clinic name (now marked on the clinic form). */
  onClinicRejected: () => void;
  onIssued: (key: IssuedKey) => void;
}

/** The first administrator; sending this step creates the clinic and returns its recovery key. */
export function AdministratorStep({ clinicForm, active, onBack, onClinicRejected, onIssued }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const inputRef = useFocusWhen<InputRef>(active);

  const initialize = useCallback(
    async ({ username, displayName, password }: Values): Promise<IssuedKey> => {
      const clinicName = String(clinicForm.getFieldValue('clinicName')).trim();
      const { recoveryKey } = await call('setup.initialize', { clinicName, username, displayName, password });
      return { recoveryKey, clinicName, issuedAt: Date.now() };
    },
    [clinicForm],
  );
  const onError = useCallback(
    (error: ContractCallError) => {
      if (!error.fields.some((issue) => issue.path === 'clinicName')) return;
      applyFieldErrors(clinicForm, error, t);
      onClinicRejected();
    },
    [clinicForm, t, onClinicRejected],
  );
  const { submit, submitting, error } = useFormSubmit(form, initialize, { onSuccess: onIssued, onError });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} hidden={!active}>
      <Typography.Paragraph>{t('session.setup.adminIntro')}</Typography.Paragraph>
      <FormErrorAlert testId="setup-error" message={error && errorMessage(t, error)} />
      <Form.Item name="username" label={t('session.setup.username')} extra={t('forms.usernameHint')} rules={usernameRules(t)}>
        <Input ref={inputRef} autoComplete="username" data-testid="setup-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t('session.setup.displayName')} rules={displayNameRules(t)}>
        <Input autoComplete="name" data-testid="setup-display-name" />
      </Form.Item>
      <NewPasswordFields name="password" label={t('session.setup.password')} confirmLabel={t('session.setup.passwordConfirm')} testId="setup-password" />
      <Flex justify="space-between">
        <Button onClick={onBack}>{t('session.setup.back')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid={active ? 'setup-next' : undefined}>
          {t('session.setup.next')}
        </Button>
      </Flex>
    </Form>
  );
}
