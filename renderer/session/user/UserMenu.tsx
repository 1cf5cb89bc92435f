import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Tag, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';
import { useSession } from '../SessionContext.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

/** The signed-in user (name and role) in the header, opening Lock now, Change password and Sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, update } = useSession();
  const [changingPassword, setChangingPassword] = useState(false);
  const role = t(`roles.${user.role}`);

  const run = async (channel: 'session.lock' | 'session.logout', failureKey: 'session.lockFailed' | 'session.signOutFailed') => {
    try {
      update(await call(channel, {}));
    } catch (error) {
      void message.error(t(failureKey, { reason: errorMessage(t, error) }));
    }
  };

  // Test ids sit on the labels: a click on them is a click on the item.
  const items: MenuProps['items'] = [
    { key: 'lock', label: <span data-testid="lock-now">{t('session.userMenu.lockNow')}</span> },
    { key: 'changePassword', label: <span data-testid="change-password-open">{t('session.userMenu.changePassword')}</span> },
    { type: 'divider' },
    { key: 'signOut', label: <span data-testid="sign-out">{t('session.userMenu.signOut')}</span> },
  ];
  const onClick: NonNullable<MenuProps['onClick']> = ({ key, domEvent }) => {
    // Else the Enter that chose "Change password" goes on to submit the dialog it opens.
    domEvent.preventDefault();
    if (key === 'lock') void run('session.lock', 'session.lockFailed');
    else if (key === 'signOut') void run('session.logout', 'session.signOutFailed');
    else setChangingPassword(true);
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight" autoFocus>
        <Button type="text" aria-label={t('session.userMenu.label', { name: user.displayName, role })} data-testid="user-menu">
          <UserOutlined aria-hidden />
          <span data-testid="current-user-name">{user.displayName}</span>
          <Tag data-testid="current-user-role" style={{ marginInlineEnd: 0 }}>
            {role}
          </Tag>
          <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
