import type { Options as ConfOptions } from 'conf';
import { z } from 'zod';
import {
  policySchema,
  preferencesSchema,
  settingsSchema,
  type Policy,
  type Preferences,
  type Settings,
} from '../../preload/contract/settings.ts';
import { SETTINGS_MIGRATIONS, type SettingsMigrations } from './migrations.ts';

export const SETTINGS_DEFAULTS: Settings = {
  preferences: { language: 'zh-CN', theme: 'light', viewerLayout: '1x1', navCollapsed: false },
  policy: { idleLockMinutes: 10, endpoints: { pacsUrl: null, storageEndpoint: null } },
};

/**
 * Options for `conf` and for `electron-store` (which extends it): the same file,
 * schema and migrations whether the shell, the CLI or a test opens the folder.
 */
export function settingsStoreOptions(
  cwd: string,
  projectVersion: string,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): ConfOptions<Settings> {
  return {
    cwd,
    configName: 'settings',
    projectName: 'clinic-workstation',
    projectVersion,
    defaults: SETTINGS_DEFAULTS,
    schema: {
      preferences: z.toJSONSchema(preferencesSchema) as object,
      policy: z.toJSONSchema(policySchema) as object,
    },
    migrations,
    // A damaged settings file must not stop a clinic from working: defaults are safe.
    clearInvalidConfig: true,
  };
}

/** The part of `conf`/`electron-store` the workstation uses. */
export interface SettingsBackend {
  readonly store: Settings;
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
}

export class SettingsService {
  readonly #backend: SettingsBackend;
  readonly #listeners = new Set<(settings: Settings) => void>();

  constructor(backend: SettingsBackend) {
    this.#backend = backend;
  }

  read(): Settings {
    return settingsSchema.parse(this.#backend.store);
  }

  setPreferences(patch: Partial<Preferences>): Settings {
    this.#backend.set('preferences', preferencesSchema.parse({ ...this.read().preferences, ...patch }));
    return this.#changed();
  }

  setPolicy(patch: { idleLockMinutes?: number; endpoints?: Partial<Policy['endpoints']> }): Settings {
    const current = this.read().policy;
    const next = policySchema.parse({
      idleLockMinutes: patch.idleLockMinutes ?? current.idleLockMinutes,
      endpoints: { ...current.endpoints, ...patch.endpoints },
    });
    this.#backend.set('policy', next);
    return this.#changed();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): Settings {
    const settings = this.read();
    for (const listener of this.#listeners) listener(settings);
    return settings;
  }
}
