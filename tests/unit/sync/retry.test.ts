import { describe, expect, it } from 'vitest';
import { CorruptObjectError } from '../../../main/sync/batch.ts';
import { classify, PermanentSyncError, withRetry } from '../../../main/sync/retry.ts';
import { insideWindow, Throttle } from '../../../main/sync/throttle.ts';

const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('failure classes', () => {
  it('stops on credentials, missing buckets and refusals; retries the network, 5xx, throttling and cut-short bodies', () => {
    for (const [name, status] of [['InvalidAccessKeyId', 403], ['SignatureDoesNotMatch', 403], ['NoSuchBucket', 404], ['AccessDenied', 403]] as const) {
      const kind = classify(s3Error(name, status));
      expect(kind).toBeInstanceOf(PermanentSyncError);
      expect((kind as PermanentSyncError).code).toBe(name);
    }
    expect(classify(s3Error('SomethingElse', 403))).toMatchObject({ code: 'AccessDenied' });
    for (const error of [s3Error('InternalError', 500), s3Error('SlowDown', 503), s3Error('Whatever', 502), Object.assign(new Error('x'), { code: 'ECONNRESET' }), Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), new CorruptObjectError('n'), new Error('socket hang up')]) {
      expect(classify(error)).toBe('transient');
    }
  });

  it('retries transient failures with growing, capped, jittered waits and gives up after the attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(s3Error('InternalError', 500));
    };
    await expect(withRetry(failing, { attempts: 5, baseMs: 1, capMs: 4, onRetry: (_attempt, _error, delay) => waits.push(delay) })).rejects.toThrow('InternalError');
    expect(calls).toBe(5);
    expect(waits).toHaveLength(4);
    waits.forEach((wait, i) => expect(wait).toBeLessThanOrEqual(Math.min(4, 2 ** i)));
    let tries = 0;
    await expect(withRetry(() => (++tries < 3 ? Promise.reject(s3Error('SlowDown', 503)) : Promise.resolve('ok')), { attempts: 5, baseMs: 1, capMs: 2 })).resolves.toBe('ok');
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    await expect(withRetry(() => (calls++, Promise.reject(s3Error('NoSuchBucket', 404))), { attempts: 5, baseMs: 1, capMs: 1 })).rejects.toBeInstanceOf(PermanentSyncError);
    expect(calls).toBe(1);
  });
});

describe('schedule', () => {
  it('knows windows that span midnight', () => {
    const night = { fromMinute: 22 * 60, toMinute: 6 * 60 };
    const at = (hours: number) => new Date(2030, 0, 1, hours, 30);
    expect([21, 22, 23, 0, 5, 6, 12].map((hour) => insideWindow(night, at(hour)))).toEqual([false, true, true, true, true, false, false]);
    expect(insideWindow(null, at(12))).toBe(true);
  });

  it('holds transfers to the bandwidth budget', async () => {
    let now = 0;
    const throttle = new Throttle(1000, () => now);
    const started = performance.now();
    await throttle.take(1000);
    await throttle.take(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    now = 10_000;
    const later = performance.now();
    await throttle.take(500);
    expect(performance.now() - later).toBeLessThan(50);
  });
});
