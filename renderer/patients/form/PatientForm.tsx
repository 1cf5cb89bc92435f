import { Col, Form, Input, Row, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../forms/FormButtons.tsx';
import { ALLERGY_STATES, SEXES } from '../patientEnums.ts';
import { BirthDateField } from './BirthDateField.tsx';
import { ChoiceRadio } from './ChoiceRadio.tsx';
import { EmergencyContactFields } from './EmergencyContactFields.tsx';
import { FormSection } from './FormSection.tsx';
import { IdentifierFields } from './IdentifierFields.tsx';
import { InsuranceFields } from './InsuranceFields.tsx';
import { NameFields } from './NameFields.tsx';
import type { PatientFormValues } from './patientFormValues.ts';
import { maxLengthRule, requiredChoiceRule } from './patientRules.ts';
import { PhoneList } from './PhoneList.tsx';

interface Props {
  form: FormInstance<PatientFormValues>;
  initialValues: Partial<PatientFormValues>;
  onFinish: (values: PatientFormValues) => void;
  onValuesChange?: () => void;
  submitLabel: string;
  submitting: boolean;
  onCancel: () => void;
  /** Above the fields: the form's failure. */
  alert: ReactNode;
  /** Between the fields and the buttons: what must be settled before sending (likely duplicates). */
  beforeButtons?: ReactNode;
}

/**
 * A patient's demographics, for registering and for corrections. The ID
 * comes right after the name: a resident ID fills in birth date and sex.
 * Fields carry the `register-*` test ids in both uses.
 */
export function PatientForm({ form, initialValues, onFinish, onValuesChange, submitLabel, submitting, onCancel, alert, beforeButtons }: Props) {
  const { t } = useTranslation();
  const half = { xs: 24, md: 12 };
  return (
    <Form<PatientFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      scrollToFirstError={{ focus: true, block: 'center' }}
      style={{ maxWidth: 1080 }}
      data-testid="register-form"
    >
      {alert}
      <FormSection title={t('patients.form.identity')}>
        <NameFields />
        <IdentifierFields />
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="sex" label={t('patients.form.sex')} rules={[requiredChoiceRule(t)]}>
              <ChoiceRadio choices={SEXES} label={(sex) => t(`patients.sexes.${sex}`)} testIdPrefix="register-sex" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <BirthDateField />
          </Col>
        </Row>
      </FormSection>

      <FormSection title={t('patients.form.contact')}>
        <Row gutter={16}>
          <Col {...half}>
            <PhoneList />
          </Col>
          <Col {...half}>
            <Form.Item name="address" label={t('patients.form.address')} rules={[maxLengthRule(t, 300)]}>
              <Input autoComplete="off" data-testid="register-address" />
            </Form.Item>
          </Col>
        </Row>
      </FormSection>

      <FormSection title={t('patients.form.insurance')}>
        <InsuranceFields />
      </FormSection>

      <FormSection title={t('patients.form.emergency')}>
        <EmergencyContactFields />
      </FormSection>

      <FormSection title={t('patients.form.clinical')}>
        <Form.Item name="allergies" label={t('patients.form.allergies')} extra={t('patients.form.allergiesHint')}>
          <ChoiceRadio choices={ALLERGY_STATES} label={(state) => t(`patients.allergyStates.${state}`)} testIdPrefix="register-allergies" />
        </Form.Item>
        <Form.Item name="notes" label={t('patients.form.notes')} rules={[maxLengthRule(t, 2000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="register-notes" />
        </Form.Item>
      </FormSection>

      {beforeButtons}
      <FormButtons submitLabel={submitLabel} submitTestId="register-submit" submitting={submitting} onCancel={onCancel} />
    </Form>
  );
}
