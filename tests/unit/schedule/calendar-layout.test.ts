import { describe, expect, it } from 'vitest';
import { freeStarts } from '../../../renderer/schedule/booking/freeSlots.ts';
import { placeInLanes } from '../../../renderer/schedule/calendar/lanes.ts';

const M = 60_000;
const at = (hour: number, minute = 0) => new Date(2030, 0, 7, hour, minute).getTime();

describe('free starts offered after a refused double booking', () => {
  it('offers the nearest quarter hours around the wanted time that fit the duration, in time order', () => {
    const busy = [
      { start: at(9), end: at(9, 30) },
      { start: at(10), end: at(11) },
    ];
    // 30 minutes wanted at 9:00: 9:30 fits exactly before 10:00, 9:45 does not.
    expect(freeStarts(busy, 30 * M, at(9), at(7), at(21), 4)).toEqual([at(8), at(8, 15), at(8, 30), at(9, 30)]);
    expect(freeStarts(busy, 60 * M, at(9), at(7), at(21), 2)).toEqual([at(7, 45), at(8)]);
  });

  it('never offers a start before `from` (now) or a slot running past `until`', () => {
    // Only 20:00 fits an hour before 21:00, and that is the refused time itself.
    expect(freeStarts([], 60 * M, at(20), at(19, 50), at(21), 5)).toEqual([]);
    expect(freeStarts([], 30 * M, at(20), at(19, 50), at(21), 5)).toEqual([at(20, 15), at(20, 30)]);
  });
});

describe('placing overlapping appointments side by side', () => {
  it('gives overlapping appointments their own lanes and a shared lane count; separate groups are full width', () => {
    const a = { id: 'a', start: at(9), end: at(10) };
    const b = { id: 'b', start: at(9, 30), end: at(10, 30) };
    const c = { id: 'c', start: at(10), end: at(10, 15) };
    const d = { id: 'd', start: at(11), end: at(11, 30) };
    const placed = Object.fromEntries(placeInLanes([d, c, b, a]).map((entry) => [entry.item.id, [entry.lane, entry.lanes]]));
    expect(placed).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });
});
