import { Col, DatePicker, Form, InputNumber, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { VITAL_MEASURES, VITAL_RANGES, vitalsInputSchema, type VitalMeasure, type VitalSigns } from '../../../../preload/contract/chart.ts';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { FormModal } from '../../../forms/FormModal.tsx';
import { call } from '../../../platform/api.ts';
import { DATE_TIME_FORMAT, toInstant } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';

type Values = { at: Dayjs | null } & Partial<Record<VitalMeasure, number | null>>;

interface Props {
  open: boolean;
  patientId: string;
  /** The visit the set belongs to, if recorded from one. */
  encounterId: string | null;
  onClose: () => void;
  onSaved: (vitals: VitalSigns) => void;
}

/**
 * Records one set of vital signs. Test ids: `vitals-form`, `vitals-at`, `vitals-<measure>` (systolic, diastolic,
 * heartRate, temperature, spo2, respiratoryRate, height, weight), `vitals-submit`, `vitals-form-alert`.
 */
export function VitalsModal({ open, patientId, encounterId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('chart.vitals.record')} onClose={onClose}>
      <VitalsForm patientId={patientId} encounterId={encounterId} onCancel={onClose} onSaved={onSaved} />
    </FormModal>
  );
}

function VitalsForm({ patientId, encounterId, onCancel, onSaved }: Omit<Props, 'open' | 'onClose'> & { onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, alert } = useChartSubmit(form, vitalsInputSchema, 'vitals', (vitals) => call('chart.vitals.record', { patientId, vitals }), onSaved);

  const onFinish = (values: Values) =>
    submit({
      at: toInstant(values.at),
      encounterId,
      ...Object.fromEntries(VITAL_MEASURES.map((name) => [name, values[name] ?? null])),
    });

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ at: dayjs() }} data-testid="vitals-form" requiredMark={false}>
      <FormErrorAlert message={alert} testId="vitals-form-alert" />
      <Form.Item name="at" label={t('chart.vitals.at')}>
        <DatePicker showTime format={DATE_TIME_FORMAT} allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="vitals-at" />
      </Form.Item>
      <Row gutter={12}>
        {VITAL_MEASURES.map((name) => (
          <Col span={12} key={name}>
            <MeasureField name={name} />
          </Col>
        ))}
      </Row>
      <FormButtons submitLabel={t('chart.save')} submitTestId="vitals-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}

/** One measure with its unit; out-of-range values are flagged as soon as the field is left. */
function MeasureField({ name }: { name: VitalMeasure }) {
  const { t } = useTranslation();
  const range = VITAL_RANGES[name];
  return (
    <Form.Item
      name={name}
      label={t(`chart.vitals.measures.${name}`)}
      validateTrigger="onBlur"
      rules={[{ type: 'number', min: range.min, max: range.max, message: t('chart.vitals.range', range) }]}
    >
      <InputNumber style={{ width: '100%' }} step={range.step} suffix={range.unit} inputMode="decimal" data-testid={`vitals-${name}`} />
    </Form.Item>
  );
}
