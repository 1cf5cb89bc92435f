import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, ROLES, type Role } from '../../preload/contract/index.ts';
import { AppError } from '../../main/platform/errors.ts';
import { EventHub } from '../../main/platform/events.ts';
import { Router, type Handlers } from '../../main/platform/router.ts';
import { SessionRegistry } from '../../main/platform/sessions.ts';
import type { Services } from '../../main/app/services.ts';
import { testServices } from './helpers/services.ts';

const PHI = 'Zqxwv Distinctname';

function signIn(sessions: SessionRegistry, connectionId: string, role: Role) {
  return sessions.start(connectionId, { userId: `u-${role}`, username: role, displayName: role, role });
}

describe('router', () => {
  let env: Awaited<ReturnType<typeof testServices>>;
  let services: Services;
  beforeEach(async () => {
    env = await testServices();
    services = env.services;
  });
  afterEach(() => env.cleanup());

  it('refuses a channel that is not in the contract', async () => {
    const result = await services.router.invoke({ connectionId: 'c' }, 'patients.dropAll', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' } });
    expect(await services.router.invoke({ connectionId: 'c' }, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await services.router.invoke({ connectionId: 'c' }, 'toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('serves a public channel without a session', async () => {
    const result = await services.router.invoke({ connectionId: 'c' }, 'app.info', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ name: 'Clinic Workstation', initialized: false });
  });

  it('returns field-level validation errors for a bad payload', async () => {
    const result = await services.router.invoke({ connectionId: 'c' }, 'settings.setPreferences', { language: 'klingon', theme: 7 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.fields?.map((f) => f.path).sort()).toEqual(['language', 'theme']);
    expect(services.settings.read().preferences.language).toBe('zh-CN');
  });

  it('rejects unknown keys rather than ignoring them', async () => {
    const result = await services.router.invoke({ connectionId: 'c' }, 'app.info', { admin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('requires a session and the right role for a restricted channel', async () => {
    const request = { idleLockMinutes: 5 };
    expect(await services.router.invoke({ connectionId: 'c' }, 'settings.setPolicy', request)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    signIn(services.sessions, 'c', 'frontdesk');
    expect(await services.router.invoke({ connectionId: 'c' }, 'settings.setPolicy', request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    signIn(services.sessions, 'c', 'admin');
    const ok = await services.router.invoke({ connectionId: 'c' }, 'settings.setPolicy', request);
    expect(ok.ok).toBe(true);
    expect(services.settings.read().policy.idleLockMinutes).toBe(5);
  });

  it('refuses a locked session until unlocked', async () => {
    const session = signIn(services.sessions, 'c', 'admin');
    services.sessions.lock(session);
    expect(await services.router.invoke({ connectionId: 'c' }, 'settings.setPolicy', { idleLockMinutes: 3 })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    services.sessions.unlock(session);
    expect((await services.router.invoke({ connectionId: 'c' }, 'settings.setPolicy', { idleLockMinutes: 3 })).ok).toBe(true);
  });

  it('denies every role a channel does not list, channel by channel', async () => {
    let checked = 0;
    for (const name of CHANNEL_NAMES) {
      const access = contract[name].access;
      if (access === 'public' || access === 'signedIn') continue;
      for (const role of ROLES.filter((r) => !access.includes(r))) {
        signIn(services.sessions, `c-${name}-${role}`, role);
        const result = await services.router.invoke({ connectionId: `c-${name}-${role}` }, name, {});
        expect(result, `${name} as ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('router error mapping', () => {
  const events = new EventHub();
  const sessions = new SessionRegistry({ events, idleLockMinutes: 10 });
  const logLines: string[] = [];
  const logger = {
    info: () => {},
    warn: (event: string) => logLines.push(event),
    error: (event: string, error: unknown) => logLines.push(`${event} ${String((error as Error).stack)}`),
    child: () => logger,
  };
  const routerWith = (handlers: Partial<Handlers>) => new Router({ handlers: handlers as Handlers, sessions, logger });

  it('passes an AppError through as a typed error', async () => {
    const router = routerWith({ 'app.info': () => { throw new AppError('CONFLICT', 'Already exists.', { details: { minutes: 3 } }); } });
    expect(await router.invoke({ connectionId: 'x' }, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Already exists.', details: { minutes: 3 } },
    });
  });

  it('hides unexpected errors behind a reference, without their message', async () => {
    logLines.length = 0;
    const router = routerWith({ 'app.info': () => { throw new Error(`UNIQUE constraint failed: ${PHI}`); } });
    const result = await router.invoke({ connectionId: 'x' }, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain(PHI);
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts/);
    expect(logLines.length).toBe(1);
  });

  it('strips fields a handler returns beyond the response schema', async () => {
    const router = routerWith({
      'app.health': () => ({ status: 'ok', checks: [], secret: PHI }) as never,
    });
    const result = await router.invoke({ connectionId: 'x' }, 'app.health', {});
    expect(result).toEqual({ ok: true, value: { status: 'ok', checks: [] } });
  });

  it('turns a response that breaks its schema into an internal error', async () => {
    const router = routerWith({ 'app.health': () => ({ status: 'splendid' }) as never });
    expect(await router.invoke({ connectionId: 'x' }, 'app.health', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
