import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown while settings are read, before the frame knows its language and theme. */
export function StartupScreen() {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" gap="middle" style={{ height: '100vh' }} role="status">
      <Spin size="large" />
      <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
    </Flex>
  );
}
