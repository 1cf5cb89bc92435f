import { describe, expect, it } from 'vitest';
import { createWorkstationApi } from '../../preload/api.ts';

describe('preload api factory', () => {
  const make = () => {
    const calls: Array<[string, unknown]> = [];
    let deliver: (event: string, payload: unknown) => void = () => {};
    const api = createWorkstationApi({
      invoke: async (channel, payload) => {
        calls.push([channel, payload]);
        return { ok: true, value: 'served' };
      },
      listen: (listener) => {
        deliver = listener;
      },
    });
    return { api, calls, deliver: (e: string, p: unknown) => deliver(e, p) };
  };

  it('forwards contract channels and refuses others locally', async () => {
    const { api, calls } = make();
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: 'served' });
    expect(await api.invoke('nope' as 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(calls).toEqual([['app.info', {}]]);
  });

  it('delivers events to their listeners until unsubscribed', () => {
    const { api, deliver } = make();
    const got: unknown[] = [];
    const off = api.on('session.changed', (payload) => got.push(payload));
    deliver('session.changed', { state: 'locked' });
    deliver('settings.changed', {});
    off();
    deliver('session.changed', { state: 'active' });
    expect(got).toEqual([{ state: 'locked' }]);
    expect(() => api.on('bogus' as 'settings.changed', () => {})).toThrow();
  });
});
