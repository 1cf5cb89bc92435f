import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';
import { call } from '../../platform/api.ts';
import { useSession } from '../../session/SessionContext.ts';
import { accountErrorMessage } from './accountErrorMessage.ts';

/** Disables (which signs the user out everywhere) or re-enables an account; never one's own. */
export function AccountToggleButton({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [pending, setPending] = useState(false);
  const self = account.id === user.id;

  const toggle = async () => {
    setPending(true);
    try {
      await call('accounts.update', { userId: account.id, disabled: !account.disabled });
      const doneKey = account.disabled ? 'admin.users.enabledDone' : 'admin.users.disabledDone';
      void message.success(t(doneKey, { username: account.username }));
      onChanged();
    } catch (error) {
      void message.error(t('admin.users.failed', { reason: accountErrorMessage(t, error) }));
    } finally {
      setPending(false);
    }
  };

  const button = (
    <Button
      size="small"
      danger={!account.disabled}
      disabled={self}
      loading={pending}
      onClick={() => void toggle()}
      data-testid={`user-disable-${account.username}`}
    >
      {account.disabled ? t('admin.users.enable') : t('admin.users.disable')}
    </Button>
  );
  return self ? <Tooltip title={t('admin.users.cannotDisableSelf')}>{button}</Tooltip> : button;
}
