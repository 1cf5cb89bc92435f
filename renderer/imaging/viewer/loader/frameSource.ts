/**
 * Frames by (instance, frame number): from the byte-budget cache, else decoded by the worker pool from the raw
 * file (kept in the same cache only for multi-frame instances, whose other frames will be asked for), else
 * opened by a decode worker, which fetches the file itself: the UI thread only gets decoded pixels.
 * Concurrent asks for the same frame share one load.
 */
import { ByteBudgetCache, type BudgetStats } from './byteBudgetCache.ts';
import type { DecodedFrame } from './decode/decodeFrame.ts';
import { frameBytes } from './decode/frameBytes.ts';
import type { DecodeResponse } from './decode/messages.ts';
import type { FrameRanges, InstanceMeta } from './instanceMeta.ts';
import { instanceUrl, MediaFetchError } from './mediaFetch.ts';
import { createWorkerPool, type Priority, type WorkerPool } from './workerPool.ts';

export interface LoadedFrame {
  readonly meta: InstanceMeta;
  readonly decoded: DecodedFrame;
  readonly decodeMs: number;
}

export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  readonly unsupported: boolean;
  constructor(message: string, unsupported: boolean) {
    super(message);
    this.unsupported = unsupported;
  }
}

interface Parsed {
  readonly meta: InstanceMeta;
  readonly frames: readonly FrameRanges[];
}

type CacheValue = LoadedFrame | Uint8Array;

export interface FrameSource {
  load(instanceId: string, frame: number, priority: Priority): Promise<LoadedFrame>;
  /** The parsed description of an instance already opened, if still known. */
  meta(instanceId: string): InstanceMeta | undefined;
  isCached(instanceId: string, frame: number): boolean;
  /** Forgets queued prefetches of instances not in `keep` (the user has scrolled elsewhere). */
  retainPrefetch(keep: ReadonlySet<string>): void;
  setBudget(bytes: number): void;
  stats(): BudgetStats;
  clear(): void;
  dispose(): void;
}

const frameKey = (instanceId: string, frame: number) => `frame:${instanceId}:${frame}`;
const rawKey = (instanceId: string) => `raw:${instanceId}`;

function expect(response: DecodeResponse): Extract<DecodeResponse, { ok: true }> {
  if (!response.ok) throw new ImageDecodeError(response.message, response.unsupported);
  return response;
}

export function createFrameSource(budgetBytes: number, pool: WorkerPool = createWorkerPool()): FrameSource {
  const cache = new ByteBudgetCache<CacheValue>(budgetBytes);
  // Descriptions are small (no pixel bytes) and outlive evictions, so a re-fetch can go straight to one frame.
  const parsed = new Map<string, Parsed>();
  const inFlight = new Map<string, Promise<LoadedFrame>>();

  const keep = (instanceId: string, frame: number, loaded: LoadedFrame) => {
    cache.set(frameKey(instanceId, frame), loaded, loaded.decoded.pixels.byteLength, 'decoded');
    return loaded;
  };

  /** Opens an instance in a worker; a refused token is renewed once. */
  const openInWorker = async (instanceId: string, frame: number, priority: Priority): Promise<DecodeResponse> => {
    for (const renew of [false, true]) {
      const url = await instanceUrl(instanceId, renew);
      const response = await pool.run({ kind: 'open', url, frame }, [], priority, instanceId);
      if (response.ok || response.status === undefined) return response;
      if (response.status !== 401 || renew) throw new MediaFetchError(response.status);
    }
    throw new MediaFetchError(401);
  };

  const open = async (instanceId: string, frame: number, priority: Priority): Promise<LoadedFrame> => {
    const response = expect(await openInWorker(instanceId, frame, priority));
    const opened = response.opened!;
    parsed.set(instanceId, { meta: opened.meta, frames: opened.frames });
    if (opened.bytes) cache.set(rawKey(instanceId), opened.bytes, opened.bytes.byteLength, 'raw');
    return keep(instanceId, frame, { meta: opened.meta, decoded: response.decoded, decodeMs: response.decodeMs });
  };

  const fromRaw = async (instanceId: string, frame: number, priority: Priority, known: Parsed, raw: Uint8Array): Promise<LoadedFrame> => {
    const ranges = known.frames[frame];
    if (!ranges) throw new ImageDecodeError(`The file has no frame ${frame + 1}.`, false);
    const bytes = frameBytes(raw, ranges);
    const response = expect(await pool.run({ kind: 'frame', meta: known.meta, bytes }, [bytes.buffer], priority, instanceId));
    return keep(instanceId, frame, { meta: known.meta, decoded: response.decoded, decodeMs: response.decodeMs });
  };

  return {
    load(instanceId, frame, priority) {
      const key = frameKey(instanceId, frame);
      const hit = cache.get(key);
      if (hit) return Promise.resolve(hit as LoadedFrame);
      const pending = inFlight.get(key);
      if (pending) {
        if (priority === 'interactive') pool.promote(instanceId);
        return pending;
      }
      const known = parsed.get(instanceId);
      const raw = cache.get(rawKey(instanceId)) as Uint8Array | undefined;
      const promise = (known && raw ? fromRaw(instanceId, frame, priority, known, raw) : open(instanceId, frame, priority)).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    },
    meta: (instanceId) => parsed.get(instanceId)?.meta,
    isCached: (instanceId, frame) => cache.has(frameKey(instanceId, frame)),
    retainPrefetch: (keep) => pool.retain(keep),
    setBudget: (bytes) => cache.setBudget(bytes),
    stats: () => cache.stats(),
    clear() {
      cache.clear();
      parsed.clear();
    },
    dispose() {
      cache.clear();
      parsed.clear();
      pool.terminate();
    },
  };
}
