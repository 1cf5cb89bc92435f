import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../preload/contract/accounts.ts';

/** Disabled outranks a sign-in lockout: a disabled account cannot sign in either way. */
export function AccountStatusTag({ account }: { account: Account }) {
  const { t } = useTranslation();
  const testId = `user-status-${account.username}`;
  if (account.disabled) return <Tag data-testid={testId}>{t('admin.users.statusDisabled')}</Tag>;
  if (account.lockedMinutes !== null && account.lockedMinutes > 0) {
    return (
      <Tag color="warning" data-testid={testId}>
        {t('admin.users.statusLocked', { minutes: account.lockedMinutes })}
      </Tag>
    );
  }
  return (
    <Tag color="success" data-testid={testId}>
      {t('admin.users.statusActive')}
    </Tag>
  );
}
