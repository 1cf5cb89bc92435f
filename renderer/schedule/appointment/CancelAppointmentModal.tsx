import { Form, Input, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { FormModal } from '../../forms/FormModal.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call } from '../../platform/api.ts';
import { dateTimeRange } from '../appointmentTime.ts';
import { scheduleErrorMessage } from '../scheduleErrorMessage.ts';

interface Props {
  appointment: Appointment | undefined;
  onClose: () => void;
  onCancelled: (appointment: Appointment) => void;
}

/** Cancelling needs a reason, kept with the appointment. Test ids: `cancel-reason`, `cancel-submit`. */
export function CancelAppointmentModal({ appointment, onClose, onCancelled }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={appointment !== undefined} title={t('schedule.cancel.title')} onClose={onClose}>
      {appointment && <CancelForm appointment={appointment} onClose={onClose} onCancelled={onCancelled} />}
    </FormModal>
  );
}

function CancelForm({ appointment, onClose, onCancelled }: Props & { appointment: Appointment }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCallback(({ reason }: { reason: string }) => call('schedule.appointments.cancel', { id: appointment.id, reason: reason.trim() }), [appointment.id]);
  const { submit, submitting, error } = useFormSubmit(form, cancel, { onSuccess: onCancelled });
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
      <FormErrorAlert testId="cancel-error" message={error && scheduleErrorMessage(t, error)} />
      <Typography.Paragraph>
        {t('schedule.cancel.intro', { name: appointment.patient.fullName, when: dateTimeRange(appointment.start, appointment.end), provider: appointment.provider.name })}
      </Typography.Paragraph>
      <Form.Item name="reason" label={t('schedule.cancel.reason')} rules={[requiredRule(t), { max: 500, message: t('fieldErrors.tooBig') }]}>
        <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="cancel-reason" />
      </Form.Item>
      <FormButtons submitLabel={t('schedule.cancel.submit')} submitTestId="cancel-submit" submitting={submitting} onCancel={onClose} danger />
    </Form>
  );
}
