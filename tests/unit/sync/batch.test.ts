import { describe, expect, it } from 'vitest';
import { randomKey } from '../../../main/keys/crypto.ts';
import { changeObjectName, CorruptObjectError, decodeBatch, encodeBatch, NewerFormatError, sealObject, type Batch } from '../../../main/sync/batch.ts';

const batch: Batch = {
  version: 1,
  workstation: 'ws-1',
  object: 7,
  changes: [{ hlc: '000000000000001-000000-ws-1', entity: 'patient', entityId: 'p1', op: 'upsert', fields: { fullName: '张三', phones: ['13800138000'] } }],
};

describe('sync objects', () => {
  it('round-trips, and the bytes show neither the data nor its shape', () => {
    const key = randomKey();
    const sealed = encodeBatch(key, batch);
    expect(decodeBatch(key, 'ws-1', 7, sealed)).toEqual(batch);
    for (const needle of ['张三', '13800138000', 'patient', 'fullName']) expect(sealed.includes(Buffer.from(needle))).toBe(false);
    expect(changeObjectName('ws-1', 7)).toBe('changes/ws-1/000000000007');
  });

  it('refuses a wrong key, a truncated body, a flipped byte, and an object moved to another name', () => {
    const key = randomKey();
    const sealed = encodeBatch(key, batch);
    expect(() => decodeBatch(randomKey(), 'ws-1', 7, sealed)).toThrow(CorruptObjectError);
    expect(() => decodeBatch(key, 'ws-1', 7, sealed.subarray(0, sealed.length - 5))).toThrow(CorruptObjectError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => decodeBatch(key, 'ws-1', 7, flipped)).toThrow(CorruptObjectError);
    expect(() => decodeBatch(key, 'ws-1', 8, sealed)).toThrow(CorruptObjectError);
    expect(() => decodeBatch(key, 'ws-2', 7, sealed)).toThrow(CorruptObjectError);
  });

  it('tells a batch of a later format from one that is malformed', () => {
    const key = randomKey();
    const name = changeObjectName('ws-1', 7);
    const seal = (value: unknown) => sealObject(key, name, Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));
    expect(() => decodeBatch(key, 'ws-1', 7, seal({ ...batch, version: 2, changes: 'elsewhere' }))).toThrow(NewerFormatError);
    expect(() => decodeBatch(key, 'ws-1', 7, seal({ ...batch, changes: [{ ...batch.changes[0], op: 'rename' }] }))).toThrow(CorruptObjectError);
    expect(() => decodeBatch(key, 'ws-1', 7, seal('{"version":1,'))).toThrow(CorruptObjectError);
    expect(() => decodeBatch(key, 'ws-1', 7, seal(null))).toThrow(CorruptObjectError);
  });
});
