import { setTimeout as sleep } from 'node:timers/promises';
import { CorruptObjectError } from './batch.ts';

/** Why a target stopped, in words an IT person can act on; never data. */
export const PERMANENT_FAILURES = {
  InvalidAccessKeyId: 'The access key is not known to the storage service. Check the access key id in the target settings.',
  SignatureDoesNotMatch: 'The secret key does not match the access key. Check the secret key in the target settings.',
  NoSuchBucket: 'The bucket does not exist. Create it, or correct the bucket name in the target settings.',
  AccessDenied: 'The storage service refused access. The key needs read, write, list and delete permission on the bucket and prefix.',
  InvalidBucketName: 'The bucket name is not valid for this storage service.',
  PermanentRedirect: 'The bucket is in another region, or needs a different endpoint. Check the region and endpoint.',
  AuthorizationHeaderMalformed: 'The region does not match the bucket. Check the region in the target settings.',
  Revoked: 'An administrator revoked this workstation: it no longer syncs. To bring it back, set it up afresh and enrol it again.',
} as const;

export type PermanentCode = keyof typeof PERMANENT_FAILURES;

/** A failure that retrying will not fix: the target stops until its settings change. */
export class PermanentSyncError extends Error {
  readonly code: PermanentCode | 'Unexpected';
  constructor(code: PermanentCode | 'Unexpected', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentSyncError';
    this.code = code;
  }
}

type Described = { name?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number }; message?: string };

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeoutException',
  'IncompleteBody',
  'BadDigest',
]);

/** Transient (retry), permanent (stop the target with a message), or not a storage failure at all. */
export function classify(error: unknown): 'transient' | PermanentSyncError {
  if (error instanceof PermanentSyncError) return error;
  if (error instanceof CorruptObjectError) return 'transient';
  const described = (error ?? {}) as Described;
  const code = described.Code ?? described.code ?? described.name ?? '';
  if (Object.hasOwn(PERMANENT_FAILURES, code)) return new PermanentSyncError(code as PermanentCode, PERMANENT_FAILURES[code as PermanentCode], { cause: error });
  const status = described.$metadata?.httpStatusCode;
  if (status === 403) return new PermanentSyncError('AccessDenied', PERMANENT_FAILURES.AccessDenied, { cause: error });
  if (TRANSIENT_CODES.has(code) || (status !== undefined && (status >= 500 || status === 408 || status === 429))) return 'transient';
  // A response cut short, a socket torn down, a body that did not parse: the network, not the request.
  if (status === undefined) return 'transient';
  return new PermanentSyncError('Unexpected', `The storage service refused a request (HTTP ${status}${code ? `, ${code}` : ''}).`, { cause: error });
}

export interface RetryPolicy {
  /** Attempts before a transient failure is given up for this round (the next round starts afresh). */
  attempts: number;
  baseMs: number;
  capMs: number;
  signal?: AbortSignal;
  /** Told of each transient failure before the wait. */
  onRetry?(attempt: number, error: unknown, delayMs: number): void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 200, capMs: 30_000 };

/** Exponential backoff with full jitter (a random wait up to base·2ⁿ, capped), so many workstations do not retry in step. */
export async function withRetry<T>(run: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const kind = classify(error);
      if (kind !== 'transient') throw kind;
      if (attempt >= policy.attempts || policy.signal?.aborted) throw error;
      const delay = Math.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      policy.onRetry?.(attempt, error, delay);
      await sleep(delay, undefined, { signal: policy.signal });
    }
  }
}
