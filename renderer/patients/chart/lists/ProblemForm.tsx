import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PROBLEM_STATUSES, problemInputSchema, type Problem, type ProblemFields } from '../../../../preload/contract/chart.ts';
import type { DraftProposal } from '../../../../preload/contract/analytics.ts';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call } from '../../../platform/api.ts';
import { Icd10Lookup } from '../encounters/Icd10Lookup.tsx';
import { fromDate, isFutureDay, toDate } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';

interface Values {
  code: string;
  text: string;
  onset: Dayjs | null;
  status: Problem['status'];
  resolvedOn: Dayjs | null;
  note: string;
}

interface Props {
  patientId: string;
  problem: Problem | undefined;
  onSaved: () => void;
  onCancel: () => void;
  /** A decision-support draft under review (advice tab): the form starts from its proposal, and `apply` sends the checked fields. */
  draft?: { proposed: Extract<DraftProposal, { kind: 'problem' }>['problem']; apply: (fields: ProblemFields) => Promise<unknown> };
}

/** Test ids: `problem-code`, `problem-text`, `problem-onset`, `problem-status`, `problem-resolved-on`, `problem-note`, `problem-submit`. */
export function ProblemForm({ patientId, problem, onSaved, onCancel, draft }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  // A draft's proposal in place of an entry's values.
  const initial = problem ?? draft?.proposed;
  const status = Form.useWatch('status', form);
  const { submit, submitting, alert } = useChartSubmit(
    form,
    problemInputSchema,
    draft ? 'entry.problem' : 'problem',
    (fields) =>
      draft
        ? draft.apply(fields)
        : problem
          ? call('chart.problems.update', { id: problem.id, problem: fields, expectedUpdatedAt: problem.updatedAt })
          : call('chart.problems.create', { patientId, problem: fields }),
    onSaved,
  );

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        code: initial?.code ?? '',
        text: initial?.text ?? '',
        onset: fromDate(initial?.onset ?? null),
        status: initial?.status ?? 'active',
        resolvedOn: fromDate(initial?.resolvedOn ?? null),
        note: initial?.note ?? '',
      }}
      onFinish={(values) =>
        submit({
          code: values.code ?? '',
          text: values.text ?? '',
          onset: toDate(values.onset),
          status: values.status,
          resolvedOn: values.status === 'resolved' ? toDate(values.resolvedOn) : null,
          note: values.note ?? '',
        })
      }
    >
      <FormErrorAlert message={alert} testId="problem-form-alert" />
      <Form.Item name="code" label={t('chart.problems.code')}>
        <Icd10Lookup testId="problem-code" onPick={(entry) => form.setFieldValue('text', i18n.language.startsWith('zh') ? entry.zh : entry.en)} />
      </Form.Item>
      <Form.Item name="text" label={t('chart.problems.text')}>
        <Input data-testid="problem-text" />
      </Form.Item>
      <Form.Item name="onset" label={t('chart.problems.onset')}>
        <DatePicker disabledDate={isFutureDay} data-testid="problem-onset" />
      </Form.Item>
      <Form.Item name="status" label={t('chart.problems.status')}>
        <Radio.Group data-testid="problem-status" options={PROBLEM_STATUSES.map((value) => ({ value, label: t(`chart.problems.statuses.${value}`) }))} optionType="button" />
      </Form.Item>
      {status === 'resolved' && (
        <Form.Item name="resolvedOn" label={t('chart.problems.resolvedOn')}>
          <DatePicker disabledDate={isFutureDay} data-testid="problem-resolved-on" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('chart.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="problem-note" />
      </Form.Item>
      <FormButtons submitLabel={t('chart.save')} submitTestId="problem-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
