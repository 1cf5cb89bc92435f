import { describe, expect, it } from 'vitest';
import { EventHub } from '../../main/platform/events.ts';
import { SessionRegistry } from '../../main/platform/sessions.ts';

describe('sessions and idle lock', () => {
  const setup = () => {
    let now = 1_000_000;
    const events = new EventHub();
    const seen: Array<[string, unknown]> = [];
    events.attach((target, name, payload) => seen.push([typeof target === 'string' ? target : target.connectionId, payload]));
    const sessions = new SessionRegistry({ events, idleLockMinutes: 10, now: () => now });
    return { sessions, seen, advance: (ms: number) => (now += ms) };
  };
  const user = { userId: 'u1', username: 'wang', displayName: 'Dr Wang', role: 'physician' as const };

  it('locks a session idle for the policy time, and only then', () => {
    const { sessions, seen, advance } = setup();
    const session = sessions.start('w1', user);
    advance(9 * 60_000);
    expect(sessions.sweep()).toEqual([]);
    sessions.touch(session);
    advance(9 * 60_000);
    expect(sessions.get('w1')?.state).toBe('active');
    advance(60_000);
    expect(sessions.sweep()).toEqual([session]);
    expect(session.state).toBe('locked');
    expect(seen.at(-1)).toEqual(['w1', { state: 'locked' }]);
  });

  it('does not let activity on a locked session unlock it', () => {
    const { sessions, advance } = setup();
    const session = sessions.start('w1', user);
    advance(11 * 60_000);
    expect(sessions.get('w1')?.state).toBe('locked');
    sessions.touch(session);
    expect(session.state).toBe('locked');
    sessions.unlock(session);
    expect(session.state).toBe('active');
  });

  it('applies a changed idle time to running sessions', () => {
    const { sessions, advance } = setup();
    sessions.start('w1', user);
    sessions.setIdleLockMinutes(2);
    advance(2 * 60_000);
    expect(sessions.sweep()).toHaveLength(1);
  });

  it('ends every session of a disabled user', () => {
    const { sessions } = setup();
    sessions.start('w1', user);
    sessions.start('w2', user);
    sessions.start('w3', { ...user, userId: 'u2' });
    sessions.endAllFor('u1');
    expect(sessions.all().map((s) => s.connectionId)).toEqual(['w3']);
  });
});
