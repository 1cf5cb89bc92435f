import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEDICATION_ROUTES, MEDICATION_STATUSES, medicationInputSchema, type Medication, type MedicationFields } from '../../../../preload/contract/chart.ts';
import type { DraftProposal } from '../../../../preload/contract/analytics.ts';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call } from '../../../platform/api.ts';
import { fromDate, isFutureDay, toDate } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';

interface Values {
  name: string;
  dose: string;
  route: Medication['route'];
  frequency: string;
  start: Dayjs | null;
  end: Dayjs | null;
  status: Medication['status'];
  note: string;
}

interface Props {
  patientId: string;
  medication: Medication | undefined;
  onSaved: () => void;
  onCancel: () => void;
  /** A decision-support draft under review (advice tab): the form starts from its proposal, and `apply` sends the checked fields. */
  draft?: { proposed: Extract<DraftProposal, { kind: 'medication' }>['medication']; apply: (fields: MedicationFields) => Promise<unknown> };
}

/** Test ids: `medication-name`, `medication-dose`, `medication-route`, `medication-frequency`, `medication-start`, `medication-end`, `medication-status`, `medication-submit`. */
export function MedicationForm({ patientId, medication, onSaved, onCancel, draft }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // A draft's proposal in place of an entry's values.
  const initial = medication ?? draft?.proposed;
  const { submit, submitting, alert } = useChartSubmit(
    form,
    medicationInputSchema,
    draft ? 'entry.medication' : 'medication',
    (fields) =>
      draft
        ? draft.apply(fields)
        : medication
          ? call('chart.medications.update', { id: medication.id, medication: fields, expectedUpdatedAt: medication.updatedAt })
          : call('chart.medications.create', { patientId, medication: fields }),
    onSaved,
  );

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        name: initial?.name ?? '',
        dose: initial?.dose ?? '',
        route: initial?.route ?? 'oral',
        frequency: initial?.frequency ?? '',
        start: fromDate(initial?.start ?? null),
        end: fromDate(initial?.end ?? null),
        status: initial?.status ?? 'active',
        note: initial?.note ?? '',
      }}
      onFinish={(values) =>
        submit({
          ...values,
          name: values.name ?? '',
          dose: values.dose ?? '',
          frequency: values.frequency ?? '',
          note: values.note ?? '',
          start: toDate(values.start),
          end: toDate(values.end),
        })
      }
    >
      <FormErrorAlert message={alert} testId="medication-form-alert" />
      <Form.Item name="name" label={t('chart.medications.name')}>
        <Input data-testid="medication-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="dose" label={t('chart.medications.dose')}>
            <Input data-testid="medication-dose" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="route" label={t('chart.medications.route')}>
            <Select data-testid="medication-route" options={MEDICATION_ROUTES.map((value) => ({ value, label: t(`chart.medications.routes.${value}`) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="frequency" label={t('chart.medications.frequency')}>
            <Input data-testid="medication-frequency" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="start" label={t('chart.medications.start')}>
            <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} data-testid="medication-start" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="end" label={t('chart.medications.end')}>
            <DatePicker style={{ width: '100%' }} data-testid="medication-end" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="status" label={t('chart.medications.status')}>
        <Radio.Group data-testid="medication-status" optionType="button" options={MEDICATION_STATUSES.map((value) => ({ value, label: t(`chart.medications.statuses.${value}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('chart.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="medication-note" />
      </Form.Item>
      <FormButtons submitLabel={t('chart.save')} submitTestId="medication-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
