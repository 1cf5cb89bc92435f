import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

/**
 * Why a save failed. Someone else's change since the form was opened gets its
 * own message and a reload, which brings the current details into the form.
 */
export function EditFailureAlert({ error, onReload }: { error: ContractCallError | undefined; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const reason = error.code === 'CONFLICT' ? error.details.reason : undefined;
  const stale = reason === 'stale';
  const text = stale ? t('patients.edit.conflict') : reason === 'merged' ? t('patients.mergedAway') : errorMessage(t, error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={text}
      style={{ marginBottom: 16 }}
      data-testid="register-error"
      action={
        stale && (
          <Button size="small" onClick={onReload} data-testid="patient-edit-reload">
            {t('patients.edit.reload')}
          </Button>
        )
      }
    />
  );
}
