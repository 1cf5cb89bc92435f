import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { confirmPasswordRules, newPasswordRules } from './rules.ts';

interface NewPasswordFieldsProps {
  /** Form field of the new password; its confirmation is named `<name>Confirm`. */
  name: string;
  label: string;
  confirmLabel: string;
  /** Test id of the password input; the confirmation's is `<testId>-confirm`. */
  testId: string;
  autoFocus?: boolean;
}

/** A new password typed twice, with the contract's length rule and a match check. */
export function NewPasswordFields({ name, label, confirmLabel, testId, autoFocus }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={name} label={label} extra={t('forms.passwordHint')} rules={newPasswordRules(t)}>
        <Input.Password autoFocus={autoFocus} autoComplete="new-password" data-testid={testId} />
      </Form.Item>
      <Form.Item name={`${name}Confirm`} label={confirmLabel} dependencies={[name]} rules={confirmPasswordRules(t, name)}>
        <Input.Password autoComplete="new-password" data-testid={`${testId}-confirm`} />
      </Form.Item>
    </>
  );
}
