/**
 * Reads a decrypted instance through main's `/media/instances/<id>?token=…` route on the page's own origin.
 * The token is opaque and short-lived: asked for once, renewed shortly before it expires or when refused.
 */
import { call } from '../../../platform/api.ts';

const RENEW_BEFORE_MS = 30_000;

let current: Promise<{ token: string; expiresAt: number }> | null = null;

function token(renew: boolean): Promise<{ token: string; expiresAt: number }> {
  if (renew || !current) {
    current = call('imaging.media.token', {});
    current.catch(() => (current = null));
  }
  return current.then((t) => (t.expiresAt - RENEW_BEFORE_MS < Date.now() ? token(true) : t));
}

/** Asks for a token before the first image needs one. */
export function warmUpMedia(): void {
  token(false).catch(() => {});
}

export class MediaFetchError extends Error {
  override readonly name = 'MediaFetchError';
  readonly status: number;
  constructor(status: number) {
    super(`The image could not be read (HTTP ${status}).`);
    this.status = status;
  }
}

/**
 * The absolute media URL of an instance (a decode worker resolves relative URLs against its script, not the
 * page); `renew` asks for a new token first (the last one was refused).
 */
export async function instanceUrl(instanceId: string, renew: boolean): Promise<string> {
  const { token: value } = await token(renew);
  return new URL(`/media/instances/${encodeURIComponent(instanceId)}?token=${encodeURIComponent(value)}`, location.href).href;
}

export async function fetchInstance(instanceId: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  for (const renew of [false, true]) {
    const url = await instanceUrl(instanceId, renew);
    const response = await fetch(url, { signal, cache: 'no-store', credentials: 'omit' });
    if (response.ok) return response.arrayBuffer();
    if (response.status !== 401 || renew) throw new MediaFetchError(response.status);
  }
  throw new MediaFetchError(401);
}
