import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../main/sync/hlc.ts';

describe('hybrid logical clock', () => {
  it('moves forward even when the wall clock steps back', () => {
    const a = tickHlc(null, 1_000, 'ws-a');
    const b = tickHlc(a, 1_000, 'ws-a');
    const c = tickHlc(b, 900, 'ws-a');
    expect([a, b, c].map(formatHlc)).toEqual([...[a, b, c].map(formatHlc)].sort());
    expect(c).toEqual({ wall: 1_000, counter: 2, node: 'ws-a' });
  });

  it('orders after a remote timestamp from a faster clock', () => {
    const local = tickHlc(null, 1_000, 'ws-a');
    const remote = { wall: 5_000, counter: 3, node: 'ws-b' };
    const next = receiveHlc(local, remote, 1_001, 'ws-a');
    expect(formatHlc(next) > formatHlc(remote)).toBe(true);
    expect(next).toEqual({ wall: 5_000, counter: 4, node: 'ws-a' });
  });

  it('breaks ties by workstation and round-trips through text', () => {
    const a = formatHlc({ wall: 7, counter: 1, node: 'ws-a' });
    const b = formatHlc({ wall: 7, counter: 1, node: 'ws-b' });
    expect(a < b).toBe(true);
    expect(parseHlc(b)).toEqual({ wall: 7, counter: 1, node: 'ws-b' });
    expect(() => parseHlc('yesterday')).toThrow();
  });
});
