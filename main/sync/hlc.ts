/**
 * Hybrid logical clock timestamps (Kulkarni et al.): wall-clock milliseconds,
 * a counter for events within the same millisecond or behind a faster peer,
 * and the workstation id as the final tie-break. As fixed-width strings they
 * sort in causal-then-stable order, which is what last-writer-wins merges by.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export function formatHlc({ wall, counter, node }: Hlc): string {
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

export function parseHlc(text: string): Hlc {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match) throw new TypeError('Not a hybrid logical clock timestamp.');
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

/** The next local timestamp after `last`, never behind it even if the wall clock stepped back. */
export function tickHlc(last: Hlc | null, now: number, node: string): Hlc {
  if (!last || now > last.wall) return { wall: now, counter: 0, node };
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/** The local clock after receiving `remote`: ahead of both it and the last local timestamp. */
export function receiveHlc(last: Hlc | null, remote: Hlc, now: number, node: string): Hlc {
  const wall = Math.max(now, last?.wall ?? 0, remote.wall);
  let counter = 0;
  if (wall === last?.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last?.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };
}
