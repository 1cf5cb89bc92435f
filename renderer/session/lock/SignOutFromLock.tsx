import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../preload/contract/session.ts';
import { call } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

/** Lets someone else take the workstation: ends the locked session without its password. */
export function SignOutFromLock({ onSignedOut }: { onSignedOut: (view: SessionView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);

  const signOut = async () => {
    setPending(true);
    try {
      onSignedOut(await call('session.logout', {}));
    } catch (error) {
      setPending(false);
      void message.error(t('session.signOutFailed', { reason: errorMessage(t, error) }));
    }
  };

  return (
    <div style={{ marginTop: 24, textAlign: 'center' }}>
      <Typography.Paragraph type="secondary">{t('session.lock.signOutHint')}</Typography.Paragraph>
      <Button onClick={() => void signOut()} loading={pending} data-testid="lock-signout">
        {t('session.lock.signOut')}
      </Button>
    </div>
  );
}
