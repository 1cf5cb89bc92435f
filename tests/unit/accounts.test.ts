import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testClinic, type TestClinic } from './helpers/clinic.ts';

describe('first-run setup', () => {
  let clinic: TestClinic & { recoveryKey: string };
  afterEach(() => clinic.cleanup());

  it('creates the clinic once and hands out a recovery key that confirms', async () => {
    clinic = await testClinic({ setUp: false });
    expect((await clinic.ok('w', 'app.info', {})).initialized).toBe(false);
    expect(await clinic.call('w', 'session.login', { username: 'admin', password: 'x' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const { recoveryKey } = await clinic.ok('w', 'setup.initialize', {
      clinicName: ADMIN.clinicName,
      username: ADMIN.username,
      displayName: ADMIN.displayName,
      password: ADMIN.password,
    });
    expect((await clinic.ok('w', 'app.info', {})).initialized).toBe(true);
    expect(await clinic.ok('w', 'setup.confirmRecoveryKey', { recoveryKey: recoveryKey.toLowerCase() })).toEqual({ confirmed: true });
    const wrong = recoveryKey.replace(/[0-9A-Z]{4}$/, (group) => [...group].reverse().join(''));
    expect(await clinic.call('w', 'setup.confirmRecoveryKey', { recoveryKey: wrong })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await clinic.call('w', 'setup.initialize', { clinicName: 'Other', username: 'eve', displayName: 'Eve', password: 'another password' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('rejects a weak password with a field-level error and creates nothing', async () => {
    clinic = await testClinic({ setUp: false });
    const result = await clinic.call('w', 'setup.initialize', { clinicName: 'C', username: 'admin', displayName: 'A', password: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'password' }] } });
    expect((await clinic.ok('w', 'app.info', {})).initialized).toBe(false);
  });
});

describe('sign-in, roles and accounts', () => {
  let clinic: TestClinic & { recoveryKey: string };
  beforeEach(async () => {
    clinic = await testClinic();
  });
  afterEach(() => clinic.cleanup());

  const login = (connection: string, username: string, password: string) => clinic.call(connection, 'session.login', { username, password });

  it('signs in with the right password only, the same way for unknown users', async () => {
    const wrong = await login('w', 'admin', 'wrong password!');
    const unknown = await login('w', 'nobody', 'wrong password!');
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const view = await clinic.ok('w', 'session.login', { username: 'ADMIN', password: ADMIN.password });
    expect(view).toMatchObject({ state: 'active', user: { username: 'admin', role: 'admin' }, clinicName: ADMIN.clinicName });
  });

  it('locks an account after five failures, says for how long, and lets it in after', async () => {
    for (let i = 0; i < 5; i++) await login('w', 'admin', `wrong password ${i}`);
    const locked = await login('w', 'admin', ADMIN.password);
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { minutes: 15 } } });
    clinic.clock.advance(16 * 60_000);
    expect((await login('w', 'admin', ADMIN.password)).ok).toBe(true);
    const { entries } = await clinic.ok('w', 'audit.query', { action: 'login.failed' });
    expect(entries.length).toBeGreaterThanOrEqual(6);
    expect(entries.every((e) => e.outcome === 'failure' && e.username === 'admin')).toBe(true);
  });

  it('enforces roles from the account, and ends sessions of a disabled account', async () => {
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    const desk = await clinic.ok('a', 'accounts.create', { username: 'desk1', displayName: '前台 王', role: 'frontdesk', password: 'front desk pass' });
    await clinic.ok('d', 'session.login', { username: 'desk1', password: 'front desk pass' });
    expect(await clinic.call('d', 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await clinic.ok('a', 'accounts.update', { userId: desk.id, disabled: true });
    expect((await clinic.ok('d', 'session.get', {})).state).toBe('signedOut');
    expect(await login('d', 'desk1', 'front desk pass')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await clinic.ok('a', 'accounts.update', { userId: desk.id, disabled: false });
    expect((await login('d', 'desk1', 'front desk pass')).ok).toBe(true);
  });

  it('refuses a duplicate username and leaving the clinic without an administrator', async () => {
    const me = await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    expect(await clinic.call('a', 'accounts.create', { username: 'Admin', displayName: 'Dup', role: 'nurse', password: 'some password' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: [{ path: 'username' }] },
    });
    expect(await clinic.call('a', 'accounts.update', { userId: me.user!.id, role: 'physician' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await clinic.ok('a', 'accounts.list', {})).map((a) => [a.username, a.role])).toEqual([['admin', 'admin']]);
  });

  it('changes a password without re-encrypting, and the old one stops working', async () => {
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    expect(await clinic.call('a', 'session.changePassword', { currentPassword: 'not it at all', newPassword: 'a brand new password' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'currentPassword' }] },
    });
    await clinic.ok('a', 'session.changePassword', { currentPassword: ADMIN.password, newPassword: 'a brand new password' });
    await clinic.reopen();
    expect((await login('b', 'admin', ADMIN.password)).ok).toBe(false);
    expect((await login('b', 'admin', 'a brand new password')).ok).toBe(true);
  });

  it('resets a forgotten password with the recovery key, even with the store closed', async () => {
    await clinic.reopen();
    expect(await clinic.call('w', 'session.recoverAccount', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', username: 'admin', newPassword: 'recovered password' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await clinic.ok('w', 'session.recoverAccount', { recoveryKey: clinic.recoveryKey, username: 'admin', newPassword: 'recovered password' });
    expect((await login('w', 'admin', 'recovered password')).ok).toBe(true);
    const { entries } = await clinic.ok('w', 'audit.query', { action: 'recovery.used' });
    expect(entries.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('locks an idle session, refuses its calls, and unlocks only with its password', async () => {
    await clinic.ok('w', 'session.login', { username: 'admin', password: ADMIN.password });
    clinic.clock.advance(11 * 60_000);
    expect((await clinic.ok('w', 'session.get', {})).state).toBe('locked');
    expect(await clinic.call('w', 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await clinic.call('w', 'session.unlock', { password: 'not my password' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await clinic.ok('w', 'session.unlock', { password: ADMIN.password })).state).toBe('active');
    const actions = (await clinic.ok('w', 'audit.query', {})).entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['unlock', 'unlock.failed', 'lock']);
  });

  it('grants emergency access only with a written reason, and flags what follows', async () => {
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    await clinic.ok('a', 'accounts.create', { username: 'drzhang', displayName: '张医生', role: 'physician', password: 'physician pass' });
    await clinic.ok('p', 'session.login', { username: 'drzhang', password: 'physician pass' });
    expect(await clinic.call('p', 'session.breakGlass', { reason: 'urgent' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'reason' }] } });
    expect(await clinic.call('a', 'session.breakGlass', { reason: 'Unconscious patient in the emergency room' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const view = await clinic.ok('p', 'session.breakGlass', { reason: 'Unconscious patient in the emergency room' });
    expect(view.breakGlassUntil).toBe(clinic.clock.now() + 60 * 60_000);
    await clinic.ok('p', 'session.lock', {});
    const { entries } = await clinic.ok('a', 'audit.query', { userId: view.user!.id });
    const glass = entries.find((e) => e.action === 'breakglass');
    expect(glass).toMatchObject({ breakGlass: true, detail: 'Unconscious patient in the emergency room' });
    expect(entries.find((e) => e.action === 'lock')?.breakGlass).toBe(true);
  });
});
