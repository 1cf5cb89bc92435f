import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../forms/rules.ts';
import { maxLengthRule } from './patientRules.ts';

/** One full name as written (Chinese: family name first); the family/given split only for Latin-script names. */
export function NameFields() {
  const { t } = useTranslation();
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="fullName" label={t('patients.form.fullName')} extra={t('patients.form.fullNameHint')} rules={[requiredRule(t), maxLengthRule(t, 100)]}>
          <Input autoFocus autoComplete="off" data-testid="register-full-name" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="familyName" label={t('patients.form.familyName')} extra={t('patients.form.latinHint')} rules={[maxLengthRule(t, 60)]}>
          <Input autoComplete="off" data-testid="register-family-name" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="givenName" label={t('patients.form.givenName')} rules={[maxLengthRule(t, 60)]}>
          <Input autoComplete="off" data-testid="register-given-name" />
        </Form.Item>
      </Col>
    </Row>
  );
}
