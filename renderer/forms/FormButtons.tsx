import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  submitLabel: string;
  submitTestId: string;
  submitting: boolean;
  onCancel: () => void;
  danger?: boolean;
}

/** Cancel and a real submit button, inside the form so Enter in any field submits it. */
export function FormButtons({ submitLabel, submitTestId, submitting, onCancel, danger = false }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="end" gap="small">
      <Button onClick={onCancel}>{t('forms.cancel')}</Button>
      <Button type="primary" danger={danger} htmlType="submit" loading={submitting} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Flex>
  );
}
