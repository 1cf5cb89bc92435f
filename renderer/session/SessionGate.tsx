import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorFallback } from '../errors/ErrorFallback.tsx';
import { StartupScreen } from '../frame/StartupScreen.tsx';
import { errorMessage } from '../platform/errorMessage.ts';
import { ActiveSessionProvider } from './ActiveSessionProvider.tsx';
import { LockScreen } from './lock/LockScreen.tsx';
import { LoginScreen } from './login/LoginScreen.tsx';
import { SetupWizard } from './setup/SetupWizard.tsx';
import { useSessionState } from './useSessionState.ts';

/**
 * Shows the app (children) only to an active session. Locked or signed out,
 * the children are unmounted, not covered, so no patient data stays in the DOM.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, update, finishSetup, retry } = useSessionState();

  if (state.status === 'loading') return <StartupScreen />;
  if (state.status === 'failed') {
    return <ErrorFallback title={t('session.loadFailed')} message={errorMessage(t, state.error)} actionLabel={t('fallback.retry')} onAction={retry} />;
  }
  const { setup, view } = state;
  if (setup) return <SetupWizard onFinished={finishSetup} />;
  if (view.state === 'locked' && view.user) return <LockScreen user={view.user} clinicName={view.clinicName} onChange={update} />;
  if (view.state === 'active' && view.user) {
    return (
      <ActiveSessionProvider view={view} user={view.user} update={update}>
        {children}
      </ActiveSessionProvider>
    );
  }
  return <LoginScreen clinicName={view.clinicName} onSignedIn={update} />;
}
