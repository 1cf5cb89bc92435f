import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { maxLengthRule, pairedRule, phoneRule } from './patientRules.ts';

const NAME = ['emergencyContact', 'name'];
const PHONE = ['emergencyContact', 'phone'];
const RELATION = ['emergencyContact', 'relation'];

/** Name and phone together; the relation is optional but needs them. */
export function EmergencyContactFields() {
  const { t } = useTranslation();
  const third = { xs: 24, md: 8 };
  return (
    <Row gutter={16}>
      <Col {...third}>
        <Form.Item
          name={NAME}
          label={t('patients.form.emergencyName')}
          dependencies={[PHONE, RELATION]}
          rules={[maxLengthRule(t, 100), pairedRule([PHONE, RELATION], t('patients.form.emergencyIncomplete'))]}
        >
          <Input autoComplete="off" data-testid="register-emergency-name" />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item
          name={PHONE}
          label={t('patients.form.emergencyPhone')}
          dependencies={[NAME, RELATION]}
          rules={[phoneRule(t), pairedRule([NAME, RELATION], t('patients.form.emergencyIncomplete'))]}
        >
          <Input inputMode="tel" autoComplete="off" maxLength={24} data-testid="register-emergency-phone" />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item name={RELATION} label={t('patients.form.emergencyRelation')} rules={[maxLengthRule(t, 40)]}>
          <Input autoComplete="off" placeholder={t('patients.form.emergencyRelationPlaceholder')} data-testid="register-emergency-relation" />
        </Form.Item>
      </Col>
    </Row>
  );
}
