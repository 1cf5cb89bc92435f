import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../main/sync/hlc.ts';
import { DELETED, fieldsOfChange, mergeFields, type FieldState } from '../../../main/sync/state.node.ts';

const at = (wall: number, node: string, counter = 0) => formatHlc({ wall, counter, node });

describe('per-field last-writer-wins', () => {
  it('keeps the later write of each field, whatever order the writes arrive in', () => {
    const writes: [Record<string, unknown>, string][] = [
      [{ name: 'A', phone: '1' }, at(100, 'ws-a')],
      [{ name: 'B' }, at(200, 'ws-b')],
      [{ phone: '2' }, at(150, 'ws-c')],
    ];
    const results = [writes, [...writes].reverse(), [writes[1]!, writes[0]!, writes[2]!]].map((order) => {
      const state: FieldState = {};
      for (const [fields, hlc] of order) mergeFields(state, fields, hlc);
      return state;
    });
    expect(results[0]).toEqual({ name: [at(200, 'ws-b'), 'B'], phone: [at(150, 'ws-c'), '2'] });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('breaks ties of equal time by workstation id, the same way everywhere', () => {
    const one: FieldState = {};
    mergeFields(one, { name: 'from a' }, at(100, 'ws-a'));
    mergeFields(one, { name: 'from b' }, at(100, 'ws-b'));
    const other: FieldState = {};
    mergeFields(other, { name: 'from b' }, at(100, 'ws-b'));
    expect(mergeFields(other, { name: 'from a' }, at(100, 'ws-a'))).toBe(false);
    expect(one).toEqual(other);
    expect(one.name![1]).toBe('from b');
  });

  it('is idempotent and skips undefined like JSON does', () => {
    const state: FieldState = {};
    expect(mergeFields(state, { a: 1, b: undefined }, at(1, 'x'))).toBe(true);
    expect(mergeFields(state, { a: 1 }, at(1, 'x'))).toBe(false);
    expect(state).toEqual({ a: [at(1, 'x'), 1] });
  });

  it('turns a delete into a tombstone field that later updates do not clear', () => {
    const state: FieldState = {};
    mergeFields(state, fieldsOfChange('patient', 'upsert', { name: 'A' }), at(1, 'x'));
    mergeFields(state, fieldsOfChange('patient', 'delete', {}), at(2, 'x'));
    mergeFields(state, fieldsOfChange('patient', 'upsert', { name: 'B' }), at(3, 'y'));
    expect(state[DELETED]).toEqual([at(2, 'x'), true]);
    expect(state.name![1]).toBe('B');
  });
});
