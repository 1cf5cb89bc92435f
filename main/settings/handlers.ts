import type { Handlers } from '../platform/router.ts';
import type { SettingsService } from './settings.ts';

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings.get' | 'settings.setPreferences' | 'settings.setPolicy'> {
  return {
    'settings.get': () => settings.read(),
    'settings.setPreferences': (request) => settings.setPreferences(request),
    'settings.setPolicy': (request) => settings.setPolicy(request),
  };
}
