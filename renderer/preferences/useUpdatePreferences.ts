import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../preload/contract/settings.ts';
import { errorMessage } from '../platform/errorMessage.ts';
import { useSetPreferences } from './PreferencesContext.ts';

/** For controls that change a preference: fire and forget, with a translated notice if main refuses. */
export function useUpdatePreferences(): (patch: Partial<Preferences>) => void {
  const setPreferences = useSetPreferences();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (patch) => {
      setPreferences(patch).catch((error: unknown) => {
        void message.error(t('preferences.notSaved', { reason: errorMessage(t, error) }));
      });
    },
    [setPreferences, message, t],
  );
}
