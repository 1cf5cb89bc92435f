import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { FormModal } from '../../forms/FormModal.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';

interface Props {
  open: boolean;
  /** Kept while closing, so the form stays through the animation. */
  account: Account | undefined;
  onClose: () => void;
  onReset: () => void;
}

export function ResetPasswordModal({ open, account, onClose, onReset }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal open={open} title={t('admin.users.resetTitle', { username: account?.username ?? '' })} onClose={onClose}>
      {account && (
        <ResetPasswordForm
          key={account.id}
          account={account}
          onCancel={onClose}
          onReset={() => {
            onReset();
            onClose();
          }}
        />
      )}
    </FormModal>
  );
}
