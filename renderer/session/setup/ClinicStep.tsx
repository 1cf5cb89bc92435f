import { Button, Flex, Form, Input, Typography, type FormInstance, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../forms/rules.ts';
import { useFocusWhen } from '../../forms/useFocusWhen.ts';

export interface ClinicValues {
  clinicName: string;
}

interface Props {
  form: FormInstance<ClinicValues>;
  active: boolean;
  onNext: () => void;
}

export function ClinicStep({ form, active, onNext }: Props) {
  const { t } = useTranslation();
  const inputRef = useFocusWhen<InputRef>(active);
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={onNext} hidden={!active}>
      <Typography.Paragraph>{t('session.setup.clinicIntro')}</Typography.Paragraph>
      <Form.Item name="clinicName" label={t('session.setup.clinicName')} rules={[requiredRule(t), { max: 200, message: t('fieldErrors.tooBig') }]}>
        <Input ref={inputRef} autoComplete="organization" data-testid="setup-clinic-name" />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid={active ? 'setup-next' : undefined}>
          {t('session.setup.next')}
        </Button>
      </Flex>
    </Form>
  );
}
