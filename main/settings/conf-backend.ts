import Conf from 'conf';
import type { DataPaths } from '../platform/data-dir.ts';
import { PRODUCT } from '../app/product.ts';
import { settingsStoreOptions, type SettingsBackend } from './settings.ts';

/** The settings file opened without Electron (CLI, tests); the shell opens the same file with electron-store. */
export function confSettingsBackend(paths: DataPaths): SettingsBackend {
  return new Conf(settingsStoreOptions(paths.root, PRODUCT.version));
}
