import { Button, Col, DatePicker, Divider, Flex, Form, Input, Modal, Row, Select, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { encounterInputSchema, type Encounter } from '../../../../preload/contract/chart.ts';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { DATE_TIME_FORMAT, formatAt } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';
import { DiagnosesField } from './DiagnosesField.tsx';
import { SELF_PROVIDER, encounterFormValues, encounterRequest, type EncounterFormValues } from './encounterFormValues.ts';
import { useVisitChoices } from './useVisitChoices.ts';

interface Props {
  patientId: string;
  /** The draft being edited; absent for a new visit. */
  draft: Encounter | undefined;
  onSaved: (encounter: Encounter) => void;
}

const NOTE_ROWS = { minRows: 2, maxRows: 12 };

/**
 * A visit note: when, who, why, SOAP, diagnoses and orders. "Save draft" keeps it editable; "Sign" saves
 * and signs it read-only after a confirmation.
 * Test ids: `encounter-form`, `encounter-at`, `encounter-provider`, `encounter-appointment`, `encounter-chief-complaint`,
 * `encounter-subjective`, `encounter-objective`, `encounter-assessment`, `encounter-plan`, `encounter-orders`,
 * `encounter-save`, `encounter-sign`, `encounter-form-alert` (and DiagnosesField's).
 */
export function EncounterForm({ patientId, draft, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<EncounterFormValues>();
  const { providers, appointments } = useVisitChoices(patientId);

  // A new note for a patient who has checked in belongs to that appointment, with its provider.
  useEffect(() => {
    if (draft || form.getFieldValue('appointmentId')) return;
    const arrived = appointments.find((appointment) => appointment.status === 'checked-in');
    if (arrived) form.setFieldsValue({ appointmentId: arrived.id, providerId: arrived.provider.id });
  }, [appointments, draft, form]);

  const save = useChartSubmit(
    form,
    encounterInputSchema,
    'encounter',
    (encounter) =>
      draft ? call('chart.encounters.update', { id: draft.id, encounter, expectedUpdatedAt: draft.updatedAt }) : call('chart.encounters.create', { patientId, encounter }),
    onSaved,
  );
  const sign = useChartSubmit(
    form,
    encounterInputSchema,
    'encounter',
    async (encounter) => {
      const saved = draft
        ? await call('chart.encounters.update', { id: draft.id, encounter, expectedUpdatedAt: draft.updatedAt })
        : await call('chart.encounters.create', { patientId, encounter });
      try {
        return await call('chart.encounters.sign', { id: saved.id, expectedUpdatedAt: saved.updatedAt });
      } catch (error) {
        // The note is saved even if signing failed: the drawer must hold the saved draft, not offer to create it again.
        onSaved(saved);
        throw error;
      }
    },
    onSaved,
  );

  const [modal, modalHolder] = Modal.useModal();

  const confirmSign = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    modal.confirm({
      title: t('chart.encounters.signConfirmTitle'),
      content: t('chart.encounters.signConfirm'),
      okText: t('chart.encounters.sign'),
      okButtonProps: { 'data-testid': 'encounter-sign-confirm' } as ButtonProps,
      onOk: () => sign.submit(encounterRequest(values)),
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={encounterFormValues(draft)}
      onFinish={(values) => save.submit(encounterRequest(values))}
      data-testid="encounter-form"
    >
      {modalHolder}
      <FormErrorAlert message={save.alert ?? sign.alert} testId="encounter-form-alert" />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="at" label={t('chart.encounters.at')}>
            <DatePicker showTime format={DATE_TIME_FORMAT} allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="encounter-at" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="providerId" label={t('chart.encounters.provider')}>
            <Select
              data-testid="encounter-provider"
              options={[
                { value: SELF_PROVIDER, label: t('chart.encounters.me', { name: user.displayName }) },
                ...providers.map((provider) => ({ value: provider.id, label: provider.name })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="appointmentId" label={t('chart.encounters.appointment')}>
            <Select
              allowClear
              placeholder={t('chart.encounters.noAppointment')}
              data-testid="encounter-appointment"
              options={appointments.map((appointment) => ({
                value: appointment.id,
                label: `${formatAt(appointment.start)} · ${appointment.provider.name}${appointment.reason ? ` · ${appointment.reason}` : ''}`,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="chiefComplaint" label={t('chart.encounters.chiefComplaint')}>
        <Input data-testid="encounter-chief-complaint" />
      </Form.Item>
      <Form.Item name="subjective" label={t('chart.encounters.subjective')}>
        <Input.TextArea autoSize={NOTE_ROWS} data-testid="encounter-subjective" />
      </Form.Item>
      <Form.Item name="objective" label={t('chart.encounters.objective')}>
        <Input.TextArea autoSize={NOTE_ROWS} data-testid="encounter-objective" />
      </Form.Item>
      <Form.Item name="assessment" label={t('chart.encounters.assessment')}>
        <Input.TextArea autoSize={NOTE_ROWS} data-testid="encounter-assessment" />
      </Form.Item>
      <Form.Item label={t('chart.encounters.diagnoses')}>
        <DiagnosesField />
      </Form.Item>
      <Form.Item name="plan" label={t('chart.encounters.plan')}>
        <Input.TextArea autoSize={NOTE_ROWS} data-testid="encounter-plan" />
      </Form.Item>
      <Form.Item name="orders" label={t('chart.encounters.orders')} extra={t('chart.encounters.ordersHint')}>
        <Input.TextArea autoSize={NOTE_ROWS} data-testid="encounter-orders" />
      </Form.Item>
      <Divider style={{ margin: '8px 0 16px' }} />
      <Flex justify="end" gap="small">
        <Button htmlType="submit" loading={save.submitting} data-testid="encounter-save">
          {t('chart.encounters.saveDraft')}
        </Button>
        <Button type="primary" onClick={confirmSign} loading={sign.submitting} data-testid="encounter-sign">
          {t('chart.encounters.sign')}
        </Button>
      </Flex>
    </Form>
  );
}
