import { useTranslation } from 'react-i18next';
import { FormModal } from '../../forms/FormModal.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('session.changePassword.title')} onClose={onClose}>
      <ChangePasswordForm onDone={onClose} />
    </FormModal>
  );
}
