import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { maxLengthRule, pairedRule } from './patientRules.ts';

const PROVIDER = ['insurance', 'provider'];
const NUMBER = ['insurance', 'number'];

/** Scheme or insurer and the number: both or neither. */
export function InsuranceFields() {
  const { t } = useTranslation();
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item
          name={PROVIDER}
          label={t('patients.form.insuranceProvider')}
          dependencies={[NUMBER]}
          rules={[maxLengthRule(t, 100), pairedRule([NUMBER], t('patients.form.insuranceIncomplete'))]}
        >
          <Input autoComplete="off" data-testid="register-insurance-provider" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={NUMBER}
          label={t('patients.form.insuranceNumber')}
          dependencies={[PROVIDER]}
          rules={[maxLengthRule(t, 60), pairedRule([PROVIDER], t('patients.form.insuranceIncomplete'))]}
        >
          <Input autoComplete="off" data-testid="register-insurance-number" />
        </Form.Item>
      </Col>
    </Row>
  );
}
