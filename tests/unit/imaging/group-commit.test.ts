import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../main/imaging/import/group-commit.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('GroupCommit', () => {
  it('sends what arrives during a flush together in the next one, up to the maximum', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      await tick();
      return items.map((n) => n * 10);
    }, 3);
    const first = commit.add(1);
    const rest = [2, 3, 4, 5, 6].map((n) => commit.add(n));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      await tick();
      if (items.includes(3)) throw new Error('bad item');
      return items;
    }, 10);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => commit.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
