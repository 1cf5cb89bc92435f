import { z } from 'zod';
import { cdsCardSchema, type CdsCard } from '../../../preload/contract/analytics.ts';
import type { DueCall } from './requests.node.ts';

/**
 * What the dispatcher needs of the record store: the sync worker's own
 * connection (main/analytics/cds/queue-store.node.ts), each method one
 * write transaction.
 */
export interface CdsQueueStore {
  due(now: number, dueBy: number, limit: number): DueCall[];
  succeeded(call: { id: string; serverId: string }, cards: CdsCard[], now: number): void;
  failed(call: { id: string; serverId: string }, error: string, retryAt: number | null, now: number): void;
  markCircuitOpen(now: number): void;
}

export interface DispatchReport {
  sent: number;
  succeeded: number;
  failed: number;
}

/** Calls per dispatch; a full batch means more may be due. */
export const BATCH = 20;
const CONCURRENCY = 4;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 10 * 60_000;

const responseSchema = z.object({ cards: z.array(cdsCardSchema) });
/**
 * Cards and discovery answers are small; a larger body is refused unparsed so
 * a faulty or hostile service cannot stall the sync worker (calls) or main
 * (discovery).
 */
const MAX_BODY_CHARS = 1_000_000;

class CallFailure extends Error {
  readonly code: string;
  readonly retry: boolean;
  constructor(code: string, retry: boolean) {
    super(code);
    this.code = code;
    this.retry = retry;
  }
}

/** Exponential backoff with ±20 % jitter, so calls queued together do not retry in lockstep. */
function retryDelay(attempts: number, random: () => number = Math.random): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** attempts, BACKOFF_MAX_MS) * (0.8 + 0.4 * random());
}

/**
 * Sends the CDS Hooks calls that are due: POST {base}/cds-services/{id} with
 * the queued de-identified body, a timeout per server, retries with backoff
 * for transient failures (down, slow, 5xx, malformed answers), a permanent
 * failure for refused credentials and other 4xx, and the server's circuit
 * breaker updated by the store. A call is only marked done once its cards
 * are stored, so nothing is lost if the process stops midway.
 */
export async function dispatchPending(store: CdsQueueStore, fetch: typeof globalThis.fetch, now: number, dueBy = now): Promise<DispatchReport> {
  const due = store.due(now, dueBy, BATCH);
  const report: DispatchReport = { sent: due.length, succeeded: 0, failed: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let call = queue.shift(); call; call = queue.shift()) {
      try {
        const cards = await send(call, fetch);
        store.succeeded(call, cards, now);
        report.succeeded++;
      } catch (error) {
        const failure = error instanceof CallFailure ? error : new CallFailure('unreachable', true);
        store.failed(call, failure.code, failure.retry ? Math.round(now + retryDelay(call.attempts)) : null, now);
        report.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
  store.markCircuitOpen(now);
  return report;
}

async function send(call: DueCall, fetch: typeof globalThis.fetch): Promise<CdsCard[]> {
  let response: Response;
  try {
    response = await fetch(`${call.baseUrl}/cds-services/${encodeURIComponent(call.serviceId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(call.credential ? { authorization: `Bearer ${call.credential}` } : {}) },
      body: call.body,
      signal: AbortSignal.timeout(call.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new CallFailure(isTimeout(error) ? 'timeout' : 'unreachable', true);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new CallFailure(isTimeout(error) ? 'timeout' : 'unreachable', true);
  }
  if (response.status === 401 || response.status === 403) throw new CallFailure('unauthorised', false);
  if (response.status >= 500 || response.status === 429 || response.status === 408) throw new CallFailure('server-error', true);
  if (!response.ok) throw new CallFailure('http-error', false);
  if (text.length > MAX_BODY_CHARS) throw new CallFailure('malformed', true);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CallFailure('malformed', true);
  }
  const checked = responseSchema.safeParse(parsed);
  if (!checked.success) throw new CallFailure('malformed', true);
  return checked.data.cards;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** GET {base}/cds-services: the services a server offers. */
export async function discoverServices(baseUrl: string, credential: string | null, timeoutMs: number, fetch: typeof globalThis.fetch): Promise<{ services: z.infer<typeof discoverySchema>['services'] } | { error: string }> {
  try {
    const response = await fetch(`${baseUrl}/cds-services`, {
      headers: { accept: 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    if (response.status === 401 || response.status === 403) return { error: 'unauthorised' };
    if (!response.ok) return { error: response.status >= 500 ? 'server-error' : 'http-error' };
    const text = await response.text();
    if (text.length > MAX_BODY_CHARS) return { error: 'malformed' };
    const checked = discoverySchema.safeParse(JSON.parse(text));
    return checked.success ? { services: checked.data.services } : { error: 'malformed' };
  } catch (error) {
    return { error: error instanceof SyntaxError ? 'malformed' : isTimeout(error) ? 'timeout' : 'unreachable' };
  }
}

const discoverySchema = z.object({
  services: z.array(
    z.object({
      id: z.string().min(1).max(200),
      hook: z.string().min(1).max(100),
      title: z.string().max(300).optional(),
      description: z.string().max(2000).optional(),
      prefetch: z.record(z.string(), z.string().max(1000)).optional(),
    }),
  ),
});
