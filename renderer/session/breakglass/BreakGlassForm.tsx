import { Alert, App, Form, Input, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useSession } from '../SessionContext.ts';

interface Values {
  reason: string;
}

const breakGlass = (values: Values) => call('session.breakGlass', values);

/** Explains what emergency access does and asks why; the contract holds the reason's minimum length. */
export function BreakGlassForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { update } = useSession();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, error } = useFormSubmit(form, breakGlass, {
    onSuccess: (view) => {
      update(view);
      void message.warning(t('session.breakGlass.started'));
      onDone();
    },
  });

  // Enter makes a new line in the reason, so Ctrl+Enter submits.
  const submitOnCtrlEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <Alert type="warning" showIcon title={t('session.breakGlass.explanation')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>{t('session.breakGlass.recorded')}</Typography.Paragraph>
      <FormErrorAlert testId="breakglass-error" message={error && errorMessage(t, error)} />
      <Form.Item name="reason" label={t('session.breakGlass.reason')} extra={t('session.breakGlass.reasonHint')} rules={[requiredRule(t)]}>
        <Input.TextArea autoFocus rows={3} maxLength={1000} showCount onKeyDown={submitOnCtrlEnter} data-testid="breakglass-reason" />
      </Form.Item>
      <FormButtons submitLabel={t('session.breakGlass.submit')} submitTestId="breakglass-submit" submitting={submitting} onCancel={onDone} danger />
    </Form>
  );
}
