import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../platform/useCall.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UsersTable } from './UsersTable.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset'; account: Account };

/** Staff accounts: list, create, edit, disable or enable, reset a password. */
export function UsersTab() {
  const { t } = useTranslation();
  const { value: accounts, error, loading, reload } = useCall('accounts.list', {});
  // The last dialog stays in state after closing, so its content remains through the closing animation.
  const [dialog, setDialog] = useState<Dialog>();
  const [open, setOpen] = useState(false);
  const show = (next: Dialog) => {
    setDialog(next);
    setOpen(true);
  };
  const close = () => setOpen(false);

  return (
    <Flex vertical gap="middle">
      <Flex gap="small">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => show({ kind: 'create' })} data-testid="user-create-open">
          {t('admin.users.create')}
        </Button>
        <Button icon={<ReloadOutlined aria-hidden />} aria-label={t('admin.refresh')} onClick={reload} loading={loading} />
      </Flex>
      {error && <CallFailedNotice error={error} onRetry={reload} />}
      <UsersTable
        accounts={accounts ?? []}
        loading={loading}
        onEdit={(account) => show({ kind: 'edit', account })}
        onReset={(account) => show({ kind: 'reset', account })}
        onChanged={reload}
      />
      <CreateUserModal open={open && dialog?.kind === 'create'} onClose={close} onCreated={reload} />
      <EditUserModal open={open && dialog?.kind === 'edit'} account={dialog?.kind === 'edit' ? dialog.account : undefined} onClose={close} onSaved={reload} />
      <ResetPasswordModal open={open && dialog?.kind === 'reset'} account={dialog?.kind === 'reset' ? dialog.account : undefined} onClose={close} onReset={reload} />
    </Flex>
  );
}
