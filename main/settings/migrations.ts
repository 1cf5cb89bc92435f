import type { Options as ConfOptions } from 'conf';
import type { Settings } from '../../preload/contract/settings.ts';

export type SettingsMigrations = NonNullable<ConfOptions<Settings>['migrations']>;

/**
 * One entry per app version that changes the settings file's shape, keyed by
 * that version (`conf` runs those newer than the file's on open). Empty until
 * the first release after 0.1.0 changes the shape; new keys need no entry,
 * since defaults fill them.
 */
export const SETTINGS_MIGRATIONS: SettingsMigrations = {};
