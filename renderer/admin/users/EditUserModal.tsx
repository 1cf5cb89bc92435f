import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { FormModal } from '../../forms/FormModal.tsx';
import { EditUserForm } from './EditUserForm.tsx';

interface Props {
  open: boolean;
  /** Kept while closing, so the form stays through the animation. */
  account: Account | undefined;
  onClose: () => void;
  onSaved: () => void;
}

export function EditUserModal({ open, account, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('admin.users.editTitle', { username: account?.username ?? '' })} onClose={onClose}>
      {account && (
        <EditUserForm
          key={account.id}
          account={account}
          onCancel={onClose}
          onSaved={() => {
            onSaved();
            onClose();
          }}
        />
      )}
    </FormModal>
  );
}
