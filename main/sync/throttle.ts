import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A bandwidth limit as a token bucket: each transfer waits until its bytes fit
 * the budget, with at most one second of burst. Null is unlimited.
 */
export class Throttle {
  #bytesPerSecond: number | null;
  #available = 0;
  // The first transfer finds a full second of budget.
  #at = Number.NEGATIVE_INFINITY;
  readonly #now: () => number;

  constructor(bytesPerSecond: number | null, now: () => number = Date.now) {
    this.#bytesPerSecond = bytesPerSecond;
    this.#now = now;
  }

  setLimit(bytesPerSecond: number | null): void {
    this.#bytesPerSecond = bytesPerSecond;
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    const rate = this.#bytesPerSecond;
    if (rate === null || rate <= 0) return;
    const now = this.#now();
    this.#available = Math.min(rate, this.#available + ((now - this.#at) / 1000) * rate);
    this.#at = now;
    this.#available -= bytes;
    if (this.#available < 0) await sleep(Math.ceil((-this.#available / rate) * 1000), undefined, { signal });
  }
}

/** A daily window in local minutes since midnight; `from > to` spans midnight (e.g. 22:00–06:00). */
export interface TimeWindow {
  fromMinute: number;
  toMinute: number;
}

export function insideWindow(window: TimeWindow | null, at: Date): boolean {
  if (!window) return true;
  const minute = at.getHours() * 60 + at.getMinutes();
  return window.fromMinute <= window.toMinute ? minute >= window.fromMinute && minute < window.toMinute : minute >= window.fromMinute || minute < window.toMinute;
}
