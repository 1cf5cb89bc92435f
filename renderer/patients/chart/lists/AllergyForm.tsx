import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ALLERGY_SEVERITIES, ALLERGY_STATUSES, allergyInputSchema, type Allergy, type AllergyFields } from '../../../../preload/contract/chart.ts';
import type { DraftProposal } from '../../../../preload/contract/analytics.ts';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call } from '../../../platform/api.ts';
import { fromDate, isFutureDay, toDate } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';

interface Values {
  substance: string;
  reaction: string;
  severity: Allergy['severity'];
  status: Allergy['status'];
  onset: Dayjs | null;
  note: string;
}

interface Props {
  patientId: string;
  allergy: Allergy | undefined;
  onSaved: () => void;
  onCancel: () => void;
  /** A decision-support draft under review (advice tab): the form starts from its proposal, and `apply` sends the checked fields. */
  draft?: { proposed: Extract<DraftProposal, { kind: 'allergy' }>['allergy']; apply: (fields: AllergyFields) => Promise<unknown> };
}

/** Test ids: `allergy-substance`, `allergy-reaction`, `allergy-severity`, `allergy-status`, `allergy-onset`, `allergy-note`, `allergy-submit`. */
export function AllergyForm({ patientId, allergy, onSaved, onCancel, draft }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // A draft's proposal in place of an entry's values.
  const initial = allergy ?? draft?.proposed;
  const { submit, submitting, alert } = useChartSubmit(
    form,
    allergyInputSchema,
    draft ? 'entry.allergy' : 'allergy',
    (fields) =>
      draft
        ? draft.apply(fields)
        : allergy
          ? call('chart.allergies.update', { id: allergy.id, allergy: fields, expectedUpdatedAt: allergy.updatedAt })
          : call('chart.allergies.create', { patientId, allergy: fields }),
    onSaved,
  );

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        substance: initial?.substance ?? '',
        reaction: initial?.reaction ?? '',
        severity: initial?.severity ?? 'unknown',
        status: initial?.status ?? 'active',
        onset: fromDate(initial?.onset ?? null),
        note: initial?.note ?? '',
      }}
      onFinish={(values) => submit({ ...values, substance: values.substance ?? '', reaction: values.reaction ?? '', note: values.note ?? '', onset: toDate(values.onset) })}
    >
      <FormErrorAlert message={alert} testId="allergy-form-alert" />
      <Form.Item name="substance" label={t('chart.allergies.substance')}>
        <Input data-testid="allergy-substance" />
      </Form.Item>
      <Form.Item name="reaction" label={t('chart.allergies.reaction')}>
        <Input data-testid="allergy-reaction" />
      </Form.Item>
      <Form.Item name="severity" label={t('chart.allergies.severity')}>
        <Select data-testid="allergy-severity" options={ALLERGY_SEVERITIES.map((value) => ({ value, label: t(`chart.allergies.severities.${value}`) }))} />
      </Form.Item>
      <Form.Item name="status" label={t('chart.allergies.status')}>
        <Radio.Group data-testid="allergy-status" optionType="button" options={ALLERGY_STATUSES.map((value) => ({ value, label: t(`chart.allergies.statuses.${value}`) }))} />
      </Form.Item>
      <Form.Item name="onset" label={t('chart.allergies.onset')}>
        <DatePicker disabledDate={isFutureDay} data-testid="allergy-onset" />
      </Form.Item>
      <Form.Item name="note" label={t('chart.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="allergy-note" />
      </Form.Item>
      <FormButtons submitLabel={t('chart.save')} submitTestId="allergy-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
