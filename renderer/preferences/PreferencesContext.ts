import { createContext, useContext } from 'react';
import type { Policy, Preferences, Settings } from '../../preload/contract/settings.ts';

export interface PreferencesContextValue {
  readonly settings: Settings;
  /** Saves a change; the UI shows it at once and settles on what main saved. Rejects with a ContractCallError. */
  readonly setPreferences: (patch: Partial<Preferences>) => Promise<void>;
}

export const PreferencesContext = createContext<PreferencesContextValue | null>(null);

function usePreferencesContext(): PreferencesContextValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences needs a PreferencesProvider above it.');
  return value;
}

export function usePreferences(): Preferences {
  return usePreferencesContext().settings.preferences;
}

/** The workstation policy as last read; kept current on `settings.changed`. */
export function usePolicy(): Policy {
  return usePreferencesContext().settings.policy;
}

export function useSetPreferences(): PreferencesContextValue['setPreferences'] {
  return usePreferencesContext().setPreferences;
}
