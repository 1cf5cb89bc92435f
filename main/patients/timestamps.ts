/**
 * The updatedAt a change writes: now, but always later than the last one, so
 * two changes within one millisecond (or under a clock that stepped back)
 * still differ and optimistic concurrency notices the second.
 */
export function nextUpdatedAt(previous: number, now: number): number {
  return Math.max(now, previous + 1);
}
