import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

/** A failed read inside a panel: the translated reason and a retry. */
export function CallFailedNotice({ error, onRetry }: { error: ContractCallError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(t, error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('fallback.retry')}
        </Button>
      }
    />
  );
}
