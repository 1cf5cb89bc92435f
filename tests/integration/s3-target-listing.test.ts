import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Target } from '../../main/sync/s3-target.ts';
import { startS3rver, type LocalS3 } from './support/s3rver.ts';

let s3: LocalS3;
let target: S3Target;

beforeAll(async () => {
  s3 = await startS3rver();
  target = s3.target('clinic/');
});

afterAll(async () => {
  target?.destroy();
  await s3?.close();
});

describe('listing a target', () => {
  // S3 answers at most 1,000 names a page: a folder of a long-lived clinic holds more.
  it('lists past the first page, in order, and finds the first name after another however many follow', async () => {
    const names = Array.from({ length: 1_050 }, (_, i) => `changes/ws-1/${String(i + 1).padStart(12, '0')}`);
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((name) => target.put(name, Buffer.from('x'))));
    await target.put('changes/ws-2/000000000001', Buffer.from('y'));

    expect(await target.list('changes/ws-1/')).toEqual(names);
    expect(await target.listFolders('changes/')).toEqual(['ws-1', 'ws-2']);
    expect(await target.firstAfter('changes/ws-1/', names[0]!)).toBe(names[1]);
    expect(await target.firstAfter('changes/ws-1/', names.at(-1)!)).toBeNull();
  });
});
