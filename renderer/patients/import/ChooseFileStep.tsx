import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportOpened } from '../../../preload/contract/patient-import.ts';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

type Opened = Extract<ImportOpened, { cancelled: false }>;
const REFUSALS = ['too-large', 'too-many-rows', 'empty', 'unreadable'] as const;

/** Main shows the file chooser and reads the file; the renderer never sees a path. Test ids: `import-choose`, `import-error`. */
export function ChooseFileStep({ onOpened }: { onOpened: (opened: Opened) => void }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<ContractCallError>();

  const choose = async () => {
    setOpening(true);
    setError(undefined);
    try {
      const opened = await call('patients.import.open', {});
      if (!opened.cancelled) onOpened(opened);
    } catch (thrown) {
      setError(toContractCallError(thrown));
    } finally {
      setOpening(false);
    }
  };
  const refusal = REFUSALS.find((reason) => reason === error?.details.reason);

  return (
    <Flex vertical gap="middle" align="start" style={{ maxWidth: 760 }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('patientImport.choose.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('patientImport.choose.formats')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={refusal ? t(`patientImport.refusals.${refusal}`) : errorMessage(t, error)} data-testid="import-error" />}
      <Button type="primary" size="large" icon={<FolderOpenOutlined aria-hidden />} loading={opening} onClick={() => void choose()} data-testid="import-choose">
        {t('patientImport.choose.button')}
      </Button>
    </Flex>
  );
}
