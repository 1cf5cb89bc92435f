import { Button, Flex, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

interface Values {
  recoveryKey: string;
}

const confirmKey = (values: Values) => call('setup.confirmRecoveryKey', values);

/** Main refusing the typed key means it does not match; a failure to reach main says so instead. */
function confirmErrorMessage(t: TFunction, error: ContractCallError): string {
  return ['UNAVAILABLE', 'INTERNAL', 'UNKNOWN_CHANNEL'].includes(error.code) ? errorMessage(t, error) : t('session.setup.keyMismatch');
}

/** The administrator types the key back, proving it was written down before setup ends. */
export function ConfirmKeyStep({ onBack, onConfirmed }: { onBack: () => void; onConfirmed: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, confirmKey, { onSuccess: onConfirmed });

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <Typography.Paragraph>{t('session.setup.confirmIntro')}</Typography.Paragraph>
      <FormErrorAlert testId="setup-recovery-error" message={error && confirmErrorMessage(t, error)} />
      <Form.Item name="recoveryKey" label={t('session.setup.confirmLabel')} rules={[requiredRule(t)]}>
        <Input autoFocus autoComplete="off" spellCheck={false} className="recovery-key-input" data-testid="setup-recovery-confirm-input" />
      </Form.Item>
      <Flex justify="space-between">
        <Button onClick={onBack}>{t('session.setup.back')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="setup-finish">
          {t('session.setup.finish')}
        </Button>
      </Flex>
    </Form>
  );
}
