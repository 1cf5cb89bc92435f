import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testClinic, type TestClinic } from './helpers/clinic.ts';

describe('backup and restore from the administrator screen', () => {
  let clinic: TestClinic;
  const chosen: { save: string | null; open: string | null } = { save: null, open: null };
  beforeEach(async () => {
    clinic = await testClinic({
      dialogs: { chooseSaveFile: async () => chosen.save, chooseOpenFile: async () => chosen.open },
    });
    chosen.save = chosen.open = null;
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
  });
  afterEach(() => clinic.cleanup());

  const usernames = async () => (await clinic.ok('a', 'accounts.list', {})).map((a) => a.username);

  it('does nothing when the dialog is cancelled', async () => {
    expect(await clinic.ok('a', 'backup.create', {})).toEqual({ cancelled: true });
    expect(await clinic.ok('a', 'backup.restore', {})).toEqual({ cancelled: true });
  });

  it('restores the records as they were at backup time and signs everyone out', async () => {
    chosen.save = chosen.open = join(clinic.dataDir, '..', `${clinic.dataDir.split('/').pop()}.cwbackup`);
    const backup = await clinic.ok('a', 'backup.create', {});
    expect(backup).toMatchObject({ cancelled: false, fileName: expect.stringMatching(/\.cwbackup$/), bytes: expect.any(Number) });
    await clinic.ok('a', 'accounts.create', { username: 'later', displayName: 'Later', role: 'nurse', password: 'created after backup' });
    expect(await usernames()).toEqual(['admin', 'later']);

    expect(await clinic.ok('a', 'backup.restore', {})).toMatchObject({ cancelled: false });
    expect((await clinic.ok('a', 'session.get', {})).state).toBe('signedOut');
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    expect(await usernames()).toEqual(['admin']);
    expect((await clinic.ok('a', 'audit.verify', {})).ok).toBe(true);
    const actions = (await clinic.ok('a', 'audit.query', {})).entries.map((e) => e.action);
    expect(actions).toContain('restore');
  });

  it('refuses a corrupt backup and leaves the current records untouched', async () => {
    const file = join(clinic.dataDir, '..', `${clinic.dataDir.split('/').pop()}-bad.cwbackup`);
    chosen.save = file;
    await clinic.ok('a', 'backup.create', {});
    const bytes = await readFile(file);
    bytes[bytes.length - 200] = bytes[bytes.length - 200]! ^ 0x55;
    await writeFile(file, bytes);
    await clinic.ok('a', 'accounts.create', { username: 'kept', displayName: 'Kept', role: 'nurse', password: 'must survive restore' });
    chosen.open = file;
    const result = await clinic.call('a', 'backup.restore', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await usernames()).toEqual(['admin', 'kept']);
  });

  it('is for administrators only', async () => {
    await clinic.ok('a', 'accounts.create', { username: 'desk', displayName: 'Desk', role: 'frontdesk', password: 'front desk password' });
    await clinic.ok('d', 'session.login', { username: 'desk', password: 'front desk password' });
    expect(await clinic.call('d', 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
