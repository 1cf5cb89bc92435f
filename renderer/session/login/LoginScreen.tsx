import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../preload/contract/session.ts';
import { GateLayout } from '../GateLayout.tsx';
import { LoginForm } from './LoginForm.tsx';
import { RecoveryForm } from './RecoveryForm.tsx';

interface Props {
  clinicName: string | null;
  onSignedIn: (view: SessionView) => void;
}

/** Sign-in, with the recovery-key reset one link away for a forgotten password. */
export function LoginScreen({ clinicName, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [recovering, setRecovering] = useState(false);
  // After a reset, sign-in says so and has the username filled in.
  const [resetUsername, setResetUsername] = useState<string>();

  return (
    <GateLayout testId="login-screen" title={t(recovering ? 'session.recover.title' : 'session.login.title')} clinicName={clinicName}>
      {recovering ? (
        <RecoveryForm
          onReset={(username) => {
            setResetUsername(username);
            setRecovering(false);
          }}
          onBack={() => setRecovering(false)}
        />
      ) : (
        <>
          {resetUsername && <Alert type="success" showIcon title={t('session.recover.done')} data-testid="recover-done" role="status" style={{ marginBottom: 16 }} />}
          <LoginForm initialUsername={resetUsername} onSignedIn={onSignedIn} onForgot={() => {
              setResetUsername(undefined);
              setRecovering(true);
            }} />
        </>
      )}
    </GateLayout>
  );
}
