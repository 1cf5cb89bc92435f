import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { FormModal } from '../../../forms/FormModal.tsx';
import { toContractCallError } from '../../../platform/api.ts';
import { failureText } from './failureText.ts';

interface Props {
  open: boolean;
  title: string;
  /** What is being removed, as the chart shows it. */
  subject: string;
  onClose: () => void;
  /** Sends the removal with the reason; the entry stays on record as entered in error. */
  onRemove: (reason: string) => Promise<unknown>;
  onRemoved: () => void;
}

/** Marks an entry entered in error, with the reason the record keeps. Test ids: `remove-reason`, `remove-submit`. */
export function RemoveEntryModal({ open, title, subject, onClose, onRemove, onRemoved }: Props) {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [alert, setAlert] = useState<string>();

  const finish = async ({ reason }: { reason: string }) => {
    setSubmitting(true);
    setAlert(undefined);
    try {
      await onRemove(reason.trim());
      onRemoved();
    } catch (error) {
      setAlert(failureText(t, toContractCallError(error)));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal open={open} title={title} onClose={onClose}>
      <Form layout="vertical" onFinish={finish} requiredMark={false}>
        <FormErrorAlert message={alert} testId="remove-alert" />
        <Typography.Paragraph>{subject}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('chart.remove.reason')}
          extra={t('chart.remove.hint')}
          rules={[
            { required: true, whitespace: true, message: t('chart.errors.required') },
            { max: 500, message: t('chart.errors.tooLong', { max: 500 }) },
          ]}
        >
          <Input autoFocus data-testid="remove-reason" />
        </Form.Item>
        <FormButtons submitLabel={t('chart.remove.submit')} submitTestId="remove-submit" submitting={submitting} onCancel={onClose} danger />
      </Form>
    </FormModal>
  );
}
