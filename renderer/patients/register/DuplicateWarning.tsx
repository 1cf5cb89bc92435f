import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../preload/contract/patients.ts';
import { DuplicateCandidateRow } from './DuplicateCandidateRow.tsx';

interface Props {
  candidates: readonly DuplicateCandidate[];
  onOpen: (candidate: DuplicateCandidate) => void;
  onConfirm: () => void;
  confirming: boolean;
  /** The confirm button's text; registering by default. */
  confirmLabel?: string;
}

/** Likely existing records for the registration, above the form's buttons; takes focus as it appears so it is read first. */
export function DuplicateWarning({ candidates, onOpen, onConfirm, confirming, confirmLabel }: Props) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);

  return (
    <div ref={panel} tabIndex={-1} data-testid="duplicate-warning" style={{ marginBottom: 16, outline: 'none' }}>
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t('patients.duplicates.title')}
        description={
          <Flex vertical gap="small">
            <Typography.Text>{t('patients.duplicates.intro')}</Typography.Text>
            <Flex component="ul" vertical style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {candidates.map((candidate) => (
                <DuplicateCandidateRow key={candidate.id} candidate={candidate} onOpen={() => onOpen(candidate)} />
              ))}
            </Flex>
            <Flex justify="end">
              <Button danger onClick={onConfirm} loading={confirming} data-testid="duplicate-confirm">
                {confirmLabel ?? t('patients.duplicates.confirm')}
              </Button>
            </Flex>
          </Flex>
        }
      />
    </div>
  );
}
