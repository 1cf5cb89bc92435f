import Conf from 'conf';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../preload/contract/settings.ts';
import { SETTINGS_DEFAULTS, SettingsService, settingsStoreOptions } from '../../main/settings/settings.ts';

describe('settings', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cw-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const open = (version = '0.1.0', migrations = {}) => new SettingsService(new Conf<Settings>(settingsStoreOptions(dir, version, migrations)));

  it('starts from the defaults and persists changes', () => {
    expect(open().read()).toEqual(SETTINGS_DEFAULTS);
    open().setPreferences({ language: 'en', theme: 'dark' });
    expect(open().read().preferences).toMatchObject({ language: 'en', theme: 'dark', viewerLayout: '1x1' });
  });

  it('merges partial endpoint changes and validates them', () => {
    const settings = open();
    settings.setPolicy({ endpoints: { pacsUrl: 'http://pacs.local:8042/dicom-web' } });
    settings.setPolicy({ idleLockMinutes: 5 });
    expect(settings.read().policy).toEqual({ idleLockMinutes: 5, endpoints: { pacsUrl: 'http://pacs.local:8042/dicom-web', storageEndpoint: null } });
    expect(() => settings.setPolicy({ idleLockMinutes: 0 })).toThrow();
    expect(settings.read().policy.idleLockMinutes).toBe(5);
  });

  it('notifies listeners of changes', () => {
    const settings = open();
    const seen: string[] = [];
    settings.onChange((s) => seen.push(s.preferences.language));
    settings.setPreferences({ language: 'en' });
    expect(seen).toEqual(['en']);
  });

  it('runs migrations newer than the file on open', () => {
    open('0.1.0').setPreferences({ viewerLayout: '2x2' });
    const migrated = open('0.2.0', {
      '0.2.0': (store: Conf<Settings>) => store.set('preferences', { ...store.get('preferences'), navCollapsed: true }),
    });
    expect(migrated.read().preferences).toMatchObject({ viewerLayout: '2x2', navCollapsed: true });
  });

  it('falls back to defaults when the file is damaged', async () => {
    open().setPreferences({ language: 'en' });
    await writeFile(join(dir, 'settings.json'), '{"preferences": {"language": 12}');
    expect(open().read()).toEqual(SETTINGS_DEFAULTS);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).preferences.language).toBe('zh-CN');
  });
});
