import { App, Col, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../forms/FormErrorAlert.tsx';
import { requiredRule } from '../../forms/rules.ts';
import { useFormSubmit } from '../../forms/useFormSubmit.ts';
import { call, type ContractCallError } from '../../platform/api.ts';
import { scheduleErrorMessage } from '../scheduleErrorMessage.ts';
import { useResources } from '../useResources.ts';
import type { BookingRequest } from './BookingModal.tsx';
import { BOOKING_FIELD_NAMES, DURATIONS, newBookingValues, rescheduleValues, slotOf, type BookingValues } from './bookingValues.ts';
import { ConflictNotice, conflictOf, type Conflict } from './ConflictNotice.tsx';
import { PatientPicker } from './PatientPicker.tsx';

interface Props {
  request: BookingRequest;
  onCancel: () => void;
  onSaved: (appointment: Appointment) => void;
}

/**
 * Patient, provider, optional room or modality, date, start, duration and
 * reason. A double booking main refuses shows what is in the way and the
 * nearest free starts; picking one fills in the time. Test ids: `booking-patient`,
 * `booking-provider`, `booking-room`, `booking-date`, `booking-time`,
 * `booking-duration`, `booking-reason`, `booking-submit`, `booking-error`.
 */
export function BookingForm({ request, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookingValues>();
  const resources = useResources();
  const [conflict, setConflict] = useState<{ conflict: Conflict; wanted: { start: number; end: number } }>();
  const rescheduling = request.kind === 'reschedule' ? request.appointment : undefined;

  const save = useCallback(
    (values: BookingValues) => {
      setConflict(undefined);
      const slot = slotOf(values);
      const roomId = values.roomId ?? null;
      return rescheduling
        ? call('schedule.appointments.reschedule', { id: rescheduling.id, ...slot, providerId: values.providerId, roomId })
        : call('schedule.appointments.book', { patientId: values.patientId, providerId: values.providerId, roomId, ...slot, reason: values.reason?.trim() ?? '' });
    },
    [rescheduling],
  );
  const onSuccess = useCallback(
    (appointment: Appointment) => {
      void message.success(t(rescheduling ? 'schedule.booking.moved' : 'schedule.booking.booked', { name: appointment.patient.fullName, time: dayjs(appointment.start).format('MM-DD HH:mm') }));
      onSaved(appointment);
    },
    [message, onSaved, rescheduling, t],
  );
  const onError = useCallback(
    (error: ContractCallError) => {
      const found = error.code === 'CONFLICT' ? conflictOf(error.details) : null;
      if (found) setConflict({ conflict: found, wanted: slotOf(form.getFieldsValue()) });
    },
    [form],
  );
  const { submit, submitting, error } = useFormSubmit(form, save, { onSuccess, onError, fieldNames: BOOKING_FIELD_NAMES });

  const pick = (start: number) => {
    form.setFieldsValue({ date: dayjs(start).format('YYYY-MM-DD'), time: dayjs(start).format('HH:mm') });
    setConflict(undefined);
  };
  const providers = (resources.value ?? []).filter((resource) => resource.kind === 'provider');
  const rooms = (resources.value ?? []).filter((resource) => resource.kind !== 'provider');
  const half = { xs: 24, sm: 12 };

  return (
    <Form<BookingValues>
      form={form}
      layout="vertical"
      initialValues={rescheduling ? rescheduleValues(rescheduling) : newBookingValues(request.kind === 'book' ? request.start : {})}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setConflict(undefined)}
    >
      {conflict ? (
        <ConflictNotice conflict={conflict.conflict} wanted={conflict.wanted} onPick={pick} />
      ) : (
        /* A double booking the user moved on from (changed a field, picked a slot) needs no second notice. */
        <FormErrorAlert testId="booking-error" message={error && !conflictOf(error.details) ? scheduleErrorMessage(t, error) : undefined} />
      )}
      <Form.Item name="patientId" label={t('schedule.booking.patient')} rules={[{ required: true, message: t('forms.required') }]}>
        <PatientPicker
          disabled={rescheduling !== undefined}
          initial={rescheduling?.patient ?? (request.kind === 'book' ? request.start.patient : undefined)}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="providerId" label={t('schedule.booking.provider')} rules={[{ required: true, message: t('forms.required') }]}>
            <Select
              loading={resources.loading}
              options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="booking-provider"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="roomId" label={t('schedule.booking.room')}>
            <Select
              allowClear
              loading={resources.loading}
              placeholder={t('schedule.booking.noRoom')}
              options={rooms.map((room) => ({ value: room.id, label: `${room.name} · ${t(`schedule.kinds.${room.kind}`)}` }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="booking-room"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={9}>
          <Form.Item name="date" label={t('schedule.booking.date')} rules={[requiredRule(t)]}>
            <Input type="date" data-testid="booking-date" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={7}>
          <Form.Item name="time" label={t('schedule.booking.time')} rules={[requiredRule(t)]}>
            <Input type="time" step={300} data-testid="booking-time" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="duration" label={t('schedule.booking.duration')} rules={[{ required: true, message: t('forms.required') }]}>
            <Select options={DURATIONS.map((minutes) => ({ value: minutes, label: t('schedule.booking.minutes', { n: minutes }) }))} data-testid="booking-duration" />
          </Form.Item>
        </Col>
      </Row>
      {!rescheduling && (
        <Form.Item name="reason" label={t('schedule.booking.reason')} rules={[{ max: 500, message: t('fieldErrors.tooBig') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="booking-reason" />
        </Form.Item>
      )}
      <FormButtons
        submitLabel={rescheduling ? t('schedule.booking.move') : t('schedule.booking.submit')}
        submitTestId="booking-submit"
        submitting={submitting}
        onCancel={onCancel}
      />
    </Form>
  );
}
