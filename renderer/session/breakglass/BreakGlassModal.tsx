import { useTranslation } from 'react-i18next';
import { FormModal } from '../../forms/FormModal.tsx';
import { BreakGlassForm } from './BreakGlassForm.tsx';

export function BreakGlassModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('session.breakGlass.title')} onClose={onClose}>
      <BreakGlassForm onDone={onClose} />
    </FormModal>
  );
}
