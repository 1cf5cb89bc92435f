import { AppErrorBoundary } from './errors/AppErrorBoundary.tsx';
import { WorkstationFrame } from './frame/WorkstationFrame.tsx';
import { PreferencesProvider } from './preferences/PreferencesProvider.tsx';
import { SessionGate } from './session/SessionGate.tsx';
import { AppConfigProvider } from './theme/AppConfigProvider.tsx';

/**
 * Settings first (they decide language and theme), then antd's configuration,
 * then the session gate (setup, sign-in, lock screens, themed and translated
 * too), which shows the frame only to an active session.
 */
export function App() {
  return (
    <AppErrorBoundary>
      <PreferencesProvider>
        <AppConfigProvider>
          <SessionGate>
            <WorkstationFrame />
          </SessionGate>
        </AppConfigProvider>
      </PreferencesProvider>
    </AppErrorBoundary>
  );
}
