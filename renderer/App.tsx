import { AppErrorBoundary } from './errors/AppErrorBoundary.tsx';
import { WorkstationFrame } from './frame/WorkstationFrame.tsx';
import { PreferencesProvider } from './preferences/PreferencesProvider.tsx';
import { AppConfigProvider } from './theme/AppConfigProvider.tsx';

/**
 * Settings first (they decide language and theme), then antd's configuration,
 * then the frame. Sign-in and lock screens will wrap WorkstationFrame here as a
 * SessionGate, inside the providers so they are themed and translated too.
 */
export function App() {
  return (
    <AppErrorBoundary>
      <PreferencesProvider>
        <AppConfigProvider>
          <WorkstationFrame />
        </AppConfigProvider>
      </PreferencesProvider>
    </AppErrorBoundary>
  );
}
