import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, documentInputSchema, type ChartDocument } from '../../../../preload/contract/chart.ts';
import { FormButtons } from '../../../forms/FormButtons.tsx';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call } from '../../../platform/api.ts';
import { useChartView } from '../ChartContext.ts';
import { formatAt, isFutureDay, toDate } from '../format/chartDates.ts';
import { useChartSubmit } from '../forms/useChartSubmit.ts';

interface Values {
  title: string;
  kind: ChartDocument['kind'];
  date: Dayjs | null;
  encounterId: string | undefined;
}

/**
 * What the document is; on submit main opens the system file chooser (PDF, PNG, JPEG) and stores the file encrypted.
 * Test ids: `document-title`, `document-kind`, `document-date`, `document-encounter`, `document-submit`, `document-form-alert`.
 */
export function AttachDocumentForm({ onSaved, onCancel }: { onSaved: (document: ChartDocument | null) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { chart } = useChartView();
  const [form] = Form.useForm<Values>();
  const { submit, submitting, alert } = useChartSubmit(form, documentInputSchema, 'document', (document) => call('chart.documents.attach', { patientId: chart.patientId, document }), onSaved);

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ title: '', kind: 'other', date: dayjs() }}
      onFinish={(values) => submit({ title: values.title ?? '', kind: values.kind, date: toDate(values.date), encounterId: values.encounterId ?? null })}
    >
      <FormErrorAlert message={alert} testId="document-form-alert" />
      <Form.Item name="title" label={t('chart.documents.documentTitle')}>
        <Input data-testid="document-title" />
      </Form.Item>
      <Form.Item name="kind" label={t('chart.documents.kind')}>
        <Select data-testid="document-kind" options={DOCUMENT_KINDS.map((value) => ({ value, label: t(`chart.documents.kinds.${value}`) }))} />
      </Form.Item>
      <Form.Item name="date" label={t('chart.documents.date')}>
        <DatePicker disabledDate={isFutureDay} allowClear={false} data-testid="document-date" />
      </Form.Item>
      <Form.Item name="encounterId" label={t('chart.documents.encounter')}>
        <Select
          allowClear
          data-testid="document-encounter"
          placeholder={t('chart.documents.noEncounter')}
          options={chart.encounters.map((encounter) => ({ value: encounter.id, label: `${formatAt(encounter.at)} ${encounter.chiefComplaint}` }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('chart.documents.chooseHint', { mb: DOCUMENT_MAX_BYTES / 1024 / 1024 })}</Typography.Paragraph>
      <FormButtons submitLabel={t('chart.documents.choose')} submitTestId="document-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
