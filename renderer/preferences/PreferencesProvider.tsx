import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences, Settings } from '../../preload/contract/settings.ts';
import { ErrorFallback } from '../errors/ErrorFallback.tsx';
import { StartupScreen } from '../frame/StartupScreen.tsx';
import { call, onEvent, toContractCallError, type ContractCallError } from '../platform/api.ts';
import { errorMessage } from '../platform/errorMessage.ts';
import { PreferencesContext, type PreferencesContextValue } from './PreferencesContext.ts';

type State = { status: 'loading' } | { status: 'failed'; error: ContractCallError } | { status: 'ready'; settings: Settings };

/** Reads settings from main, keeps them current on `settings.changed`, and holds back the app until they are known. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      const settings = await call('settings.get', {});
      setState({ status: 'ready', settings });
    } catch (error) {
      // Once running, a failed re-read keeps the settings in hand rather than tearing the app down.
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed', error: toContractCallError(error) }));
    }
  }, []);

  useEffect(() => {
    void load();
    return onEvent('settings.changed', () => void load());
  }, [load]);

  const setPreferences = useCallback(
    async (patch: Partial<Preferences>) => {
      setState((previous) =>
        previous.status === 'ready'
          ? { ...previous, settings: { ...previous.settings, preferences: { ...previous.settings.preferences, ...patch } } }
          : previous,
      );
      try {
        setState({ status: 'ready', settings: await call('settings.setPreferences', patch) });
      } catch (error) {
        void load(); // undo the optimistic change with what main actually holds
        throw toContractCallError(error);
      }
    },
    [load],
  );

  const value = useMemo<PreferencesContextValue | null>(
    () => (state.status === 'ready' ? { settings: state.settings, setPreferences } : null),
    [state, setPreferences],
  );

  if (state.status === 'failed') {
    const retry = () => {
      setState({ status: 'loading' });
      void load();
    };
    return <ErrorFallback title={t('fallback.settingsTitle')} message={errorMessage(t, state.error)} actionLabel={t('fallback.retry')} onAction={retry} />;
  }
  if (!value) return <StartupScreen />;
  return <PreferencesContext value={value}>{children}</PreferencesContext>;
}
