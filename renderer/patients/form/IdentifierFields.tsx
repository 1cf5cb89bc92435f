import { Col, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Sex } from '../patientEnums.ts';
import type { PatientFormValues } from './patientFormValues.ts';
import { IdTypeSelect } from './IdTypeSelect.tsx';
import { ID_TYPE_FIELD, ID_VALUE_FIELD, maxLengthRule, residentIdBirthDate, residentIdRule } from './patientRules.ts';

/**
 * Document type and number. A resident ID is checked as it is typed, and a
 * valid one fills in the birth date and sex if the desk has not (the 17th
 * digit is odd for men, even for women); what the desk entered is never overwritten.
 */
export function IdentifierFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PatientFormValues>();

  const fillFromResidentId = (value: string) => {
    const birthDate = residentIdBirthDate(form.getFieldValue(ID_TYPE_FIELD), value);
    if (!birthDate) return;
    const sex: Sex = Number(value.trim()[16]) % 2 === 1 ? 'male' : 'female';
    form.setFields([
      ...(form.getFieldValue('birthDate') ? [] : [{ name: 'birthDate' as const, value: dayjs(birthDate), errors: [] }]),
      ...(form.getFieldValue('sex') ? [] : [{ name: 'sex' as const, value: sex, errors: [] }]),
    ]);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={ID_TYPE_FIELD} label={t('patients.form.idType')}>
          <IdTypeSelect testId="register-id-type" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          name={ID_VALUE_FIELD}
          label={t('patients.form.idValue')}
          extra={t('patients.form.idHint')}
          dependencies={[ID_TYPE_FIELD]}
          rules={[maxLengthRule(t, 40), residentIdRule(t)]}
          // Resident IDs end in an upper-case X; other documents keep their case.
          normalize={(value: string, _previous, all: Partial<PatientFormValues>) => (all.identifier?.type === 'cn-resident' ? value.toUpperCase() : value)}
        >
          <Input autoComplete="off" spellCheck={false} onChange={(event) => fillFromResidentId(event.target.value)} data-testid="register-id-value" />
        </Form.Item>
      </Col>
    </Row>
  );
}
