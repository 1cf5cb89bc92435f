import { App, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../preload/contract/patients.ts';
import { MergeFinder } from './MergeFinder.tsx';
import { MergeReview } from './MergeReview.tsx';

interface Props {
  open: boolean;
  survivor: Patient;
  onClose: () => void;
  onMerged: (survivor: Patient) => void;
}

/** Administrator: find the duplicate, compare, confirm. Mounted only while open, so every opening starts with the search. */
export function MergePatientModal({ open, survivor, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [duplicateId, setDuplicateId] = useState<string>();

  const close = () => {
    setDuplicateId(undefined);
    onClose();
  };

  return (
    <Modal open={open} title={t('patients.merge.title')} onCancel={close} footer={null} width={960} destroyOnHidden mask={{ closable: false }}>
      {duplicateId ? (
        <MergeReview
          survivor={survivor}
          duplicateId={duplicateId}
          onBack={() => setDuplicateId(undefined)}
          onMerged={(merged, duplicate) => {
            void message.success(t('patients.merge.done', { mrn: duplicate.mrn }));
            onMerged(merged);
            close();
          }}
        />
      ) : (
        <MergeFinder survivorId={survivor.id} onChoose={(hit) => setDuplicateId(hit.id)} />
      )}
    </Modal>
  );
}
