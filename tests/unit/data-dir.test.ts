import { describe, expect, it } from 'vitest';
import { dataDirOverride, dataPaths } from '../../main/platform/data-dir.ts';

describe('data folder', () => {
  it('takes --data-dir in both spellings before the environment', () => {
    const env = { CLINIC_WORKSTATION_DATA_DIR: '/env' };
    expect(dataDirOverride(['app', '--data-dir', '/a'], env)).toBe('/a');
    expect(dataDirOverride(['app', '--data-dir=/b'], env)).toBe('/b');
    expect(dataDirOverride(['app'], env)).toBe('/env');
    expect(dataDirOverride(['app'], {})).toBeNull();
  });

  it('keeps every file inside the folder under fixed, non-identifying names', () => {
    const paths = dataPaths('/data/clinic');
    for (const [key, path] of Object.entries(paths)) if (key !== 'root') expect(path.startsWith('/data/clinic/')).toBe(true);
  });
});
