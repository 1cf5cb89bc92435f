import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_CODE_PATTERN, syncProblemCodeSchema, type SyncProblemCode, type SyncProblemDetail } from '../../preload/contract/sync.ts';
import { CorruptObjectError } from './batch.ts';

/**
 * Why a target stopped, in words an IT person can act on; never data. The Sync screen words the code itself, in the
 * UI language; these are for the CLI's output and the logs.
 */
export const PERMANENT_FAILURES = {
  InvalidAccessKeyId: 'The access key is not known to the storage service. Check the access key id in the target settings.',
  SignatureDoesNotMatch: 'The secret key does not match the access key. Check the secret key in the target settings.',
  NoSuchBucket: 'The bucket does not exist. Create it, or correct the bucket name in the target settings.',
  AccessDenied: 'The storage service refused access. The key needs read, write, list and delete permission on the bucket and prefix.',
  InvalidBucketName: 'The bucket name is not valid for this storage service.',
  PermanentRedirect: 'The bucket is in another region, or needs a different endpoint. Check the region and endpoint.',
  AuthorizationHeaderMalformed: 'The region does not match the bucket. Check the region in the target settings.',
  Revoked: 'An administrator revoked this workstation: it no longer syncs. To bring it back, set it up afresh and enrol it again.',
} as const satisfies Partial<Record<SyncProblemCode, string>>;

export type PermanentCode = keyof typeof PERMANENT_FAILURES;

/** Codes a stopped target can carry: the service's refusals above, and causes of this workstation's own. */
export type StopCode = PermanentCode | Extract<SyncProblemCode, 'NoCredentials' | 'NotEnrolled' | 'NoSuchTarget' | 'Unexpected'>;

/** A stored stop code; one an older version wrote and this one does not know still stops the target, as an unnamed refusal. */
export function knownStopCode(stored: string): SyncProblemCode {
  return syncProblemCodeSchema.safeParse(stored).data ?? 'Unexpected';
}

/** A failure that retrying will not fix: the target stops until its settings change. */
export class PermanentSyncError extends Error {
  readonly code: StopCode;
  /** What the screen may show beside the code: the HTTP status and the service's error code, never its text. */
  readonly detail: SyncProblemDetail;
  constructor(code: StopCode, message: string, options?: ErrorOptions & { detail?: SyncProblemDetail }) {
    super(message, options);
    this.name = 'PermanentSyncError';
    this.code = code;
    this.detail = options?.detail ?? {};
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

const codeOf = (described: Described): string => described.Code ?? described.code ?? described.name ?? '';

/** What the AWS SDK names an error whose response had no code (a HEAD's answer has no body): not the service's word. */
const SDK_PLACEHOLDERS = new Set(['Unknown', 'UnknownError']);

/**
 * What the storage service answered, for the screen: its HTTP status and error code, only from a response (a
 * network failure's code is Node's, not the service's) and only when the code looks like one.
 */
export function serviceDetail(error: unknown): SyncProblemDetail {
  const described = (error ?? {}) as Described;
  const status = described.$metadata?.httpStatusCode;
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return {};
  const code = codeOf(described);
  return SERVICE_CODE_PATTERN.test(code) && !SDK_PLACEHOLDERS.has(code) ? { httpStatus: status, serviceCode: code } : { httpStatus: status };
}

/** Transient (retry), permanent (stop the target with a code and its detail), or not a storage failure at all. */
export function classify(error: unknown): 'transient' | PermanentSyncError {
  if (error instanceof PermanentSyncError) return error;
  if (error instanceof CorruptObjectError) return 'transient';
  const described = (error ?? {}) as Described;
  const code = codeOf(described);
  const detail = serviceDetail(error);
  if (Object.hasOwn(PERMANENT_FAILURES, code)) {
    // The code already names the service's answer: only its status is worth adding.
    const statusOnly = detail.httpStatus === undefined ? {} : { httpStatus: detail.httpStatus };
    return new PermanentSyncError(code as PermanentCode, PERMANENT_FAILURES[code as PermanentCode], { cause: error, detail: statusOnly });
  }
  const status = described.$metadata?.httpStatusCode;
  if (status === 403) return new PermanentSyncError('AccessDenied', PERMANENT_FAILURES.AccessDenied, { cause: error, detail });
  if (TRANSIENT_CODES.has(code) || (status !== undefined && (status >= 500 || status === 408 || status === 429))) return 'transient';
  // A response cut short, a socket torn down, a body that did not parse: the network, not the request.
  if (status === undefined) return 'transient';
  const named = detail.serviceCode ? `, ${detail.serviceCode}` : '';
  return new PermanentSyncError('Unexpected', `The storage service refused a request (HTTP ${status}${named}).`, { cause: error, detail });
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
