import { Alert, Button, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { usePatient } from '../view/usePatient.ts';
import { MergeComparison } from './MergeComparison.tsx';

interface Props {
  survivor: Patient;
  duplicateId: string;
  onBack: () => void;
  onMerged: (survivor: Patient, duplicate: Patient) => void;
}

/** Both records in full, what merging does, and the confirmation; the current patient is the one kept. */
export function MergeReview({ survivor, duplicateId, onBack, onMerged }: Props) {
  const { t } = useTranslation();
  const duplicate = usePatient(duplicateId);
  const [merging, setMerging] = useState(false);
  const [error, setError] = useState<ContractCallError>();

  if (duplicate.error) return <CallFailedNotice error={duplicate.error} onRetry={duplicate.reload} />;
  if (!duplicate.patient) return <Spin />;
  const other = duplicate.patient;

  const merge = async () => {
    setMerging(true);
    setError(undefined);
    try {
      onMerged(await call('patients.merge', { survivorId: survivor.id, duplicateId: other.id }), other);
    } catch (thrown) {
      setError(toContractCallError(thrown));
      setMerging(false);
    }
  };
  const failure = error && (error.code === 'CONFLICT' && error.details.reason === 'merged' ? t('patients.mergedAway') : errorMessage(t, error));

  return (
    <Flex vertical gap="middle">
      <MergeComparison survivor={survivor} duplicate={other} />
      <Alert type="warning" showIcon title={t('patients.merge.explain')} />
      {failure && <Alert type="error" showIcon role="alert" title={failure} data-testid="merge-error" />}
      <Flex justify="end" gap="small">
        <Button onClick={onBack}>{t('patients.merge.back')}</Button>
        <Button type="primary" danger loading={merging} onClick={() => void merge()} data-testid="merge-confirm">
          {t('patients.merge.confirm')}
        </Button>
      </Flex>
    </Flex>
  );
}
