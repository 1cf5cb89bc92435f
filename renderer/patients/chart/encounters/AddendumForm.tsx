import { Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '../../../../preload/contract/chart.ts';
import { FormErrorAlert } from '../../../forms/FormErrorAlert.tsx';
import { call, toContractCallError } from '../../../platform/api.ts';
import { failureText } from '../forms/failureText.ts';

const MAX = 4_000;

/** A signed note's correction or later finding, appended below it. Test ids: `addendum-text`, `addendum-submit`. */
export function AddendumForm({ encounter, onSaved }: { encounter: Encounter; onSaved: (encounter: Encounter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [alert, setAlert] = useState<string>();

  const finish = async ({ text }: { text: string }) => {
    setSubmitting(true);
    setAlert(undefined);
    try {
      onSaved(await call('chart.encounters.addendum', { id: encounter.id, text: text.trim() }));
      form.resetFields();
    } catch (error) {
      setAlert(failureText(t, toContractCallError(error)));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={finish} requiredMark={false}>
      <FormErrorAlert message={alert} testId="addendum-alert" />
      <Form.Item
        name="text"
        label={t('chart.encounters.addAddendum')}
        rules={[
          { required: true, whitespace: true, message: t('chart.errors.required') },
          { max: MAX, message: t('chart.errors.tooLong', { max: MAX }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="addendum-text" />
      </Form.Item>
      <Flex justify="end">
        <Button htmlType="submit" loading={submitting} data-testid="addendum-submit">
          {t('chart.encounters.appendAddendum')}
        </Button>
      </Flex>
    </Form>
  );
}
