import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_DIAGNOSES } from '../../../../preload/contract/chart.ts';
import { Icd10Lookup } from './Icd10Lookup.tsx';

/**
 * The visit's diagnoses, principal first: an ICD-10 code (looked up or typed) and its text.
 * Test ids: `diagnosis-add`, `diagnosis-code-<n>`, `diagnosis-text-<n>`, `diagnosis-remove-<n>`.
 */
export function DiagnosesField() {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="diagnoses">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start">
              <Tag style={{ marginTop: 5, minWidth: 48, textAlign: 'center' }} color={index === 0 ? 'blue' : undefined}>
                {index === 0 ? t('chart.encounters.principal') : index + 1}
              </Tag>
              <Form.Item name={[field.name, 'code']} style={{ width: 170, marginBottom: 0 }}>
                <Icd10Lookup
                  testId={`diagnosis-code-${index}`}
                  onPick={(entry) => form.setFieldValue(['diagnoses', field.name, 'text'], i18n.language.startsWith('zh') ? entry.zh : entry.en)}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'text']} style={{ flex: 1, marginBottom: 0 }}>
                <Input placeholder={t('chart.encounters.diagnosisText')} data-testid={`diagnosis-text-${index}`} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined aria-hidden />} aria-label={t('chart.encounters.removeDiagnosis')} onClick={() => remove(field.name)} data-testid={`diagnosis-remove-${index}`} />
            </Flex>
          ))}
          {fields.length < MAX_DIAGNOSES && (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: '', text: '' })} style={{ alignSelf: 'start' }} data-testid="diagnosis-add">
              {t('chart.encounters.addDiagnosis')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
