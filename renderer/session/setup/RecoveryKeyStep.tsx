import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IssuedKey } from './issuedKey.ts';
import { RecoveryKeyDisplay } from './RecoveryKeyDisplay.tsx';
import { RecoveryKeyPrintout } from './RecoveryKeyPrintout.tsx';

/** The one time the recovery key is shown: print it, copy it, or write it down. */
export function RecoveryKeyStep({ issued, onNext }: { issued: IssuedKey; onNext: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = () =>
    navigator.clipboard.writeText(issued.recoveryKey).then(
      () => void message.success(t('session.setup.copied')),
      () => void message.error(t('session.setup.copyFailed')),
    );

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>{t('session.setup.keyIntro')}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('session.setup.keyOnce')} />
      <RecoveryKeyDisplay recoveryKey={issued.recoveryKey} testId="setup-recovery-key" />
      <Flex gap="small" justify="center">
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} data-testid="setup-print">
          {t('session.setup.print')}
        </Button>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()} data-testid="setup-copy">
          {t('session.setup.copy')}
        </Button>
      </Flex>
      <Flex justify="end">
        <Button type="primary" autoFocus onClick={onNext} data-testid="setup-next">
          {t('session.setup.keySaved')}
        </Button>
      </Flex>
      <RecoveryKeyPrintout issued={issued} />
    </Flex>
  );
}
