import { useTranslation } from 'react-i18next';
import { FormModal } from '../../forms/FormModal.tsx';
import { CreateUserForm } from './CreateUserForm.tsx';

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('admin.users.createTitle')} onClose={onClose}>
      <CreateUserForm
        onCancel={onClose}
        onCreated={() => {
          onCreated();
          onClose();
        }}
      />
    </FormModal>
  );
}
