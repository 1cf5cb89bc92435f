interface Timed {
  start: number;
  end: number;
}

export interface Placed<T> {
  item: T;
  /** Side by side: this item's lane and how many lanes its overlapping group needs. */
  lane: number;
  lanes: number;
}

/**
 * Places overlapping items side by side, as calendars do: each takes the first
 * lane free at its start, and every item of a group of overlapping items
 * shares that group's lane count.
 */
export function placeInLanes<T extends Timed>(items: readonly T[]): Placed<T>[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed<T>[] = [];
  let group: Placed<T>[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const entry of group) entry.lanes = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) lane = laneEnds.push(item.end) - 1;
    else laneEnds[lane] = item.end;
    const entry = { item, lane, lanes: 1 };
    group.push(entry);
    placed.push(entry);
    groupEnd = Math.max(groupEnd, item.end);
  }
  close();
  return placed;
}
