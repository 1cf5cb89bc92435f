import ElectronStore from 'electron-store';
import { app } from 'electron';
import type { DataPaths } from '../platform/data-dir.ts';
import { settingsStoreOptions, type SettingsBackend } from '../settings/settings.ts';
import type { Settings } from '../../preload/contract/settings.ts';

/** electron-store over the same file, schema and migrations that the CLI opens with `conf`. */
export function electronSettingsBackend(paths: DataPaths): SettingsBackend {
  return new ElectronStore<Settings>(settingsStoreOptions(paths.root, app.getVersion()));
}
