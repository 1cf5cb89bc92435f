import type { Role } from '../../preload/contract/roles.ts';
import { SECURITY_HEADERS } from '../platform/content-security.ts';
import type { Session } from '../platform/sessions.ts';
import type { MediaTokens } from './tokens.ts';

export const MEDIA_PREFIX = '/media/';

/** What a route serves: a body of known length that can be read from any byte offset. */
export interface MediaBody {
  contentType: string;
  size: number;
  /** Plaintext bytes [start, end). */
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/**
 * One kind of media. `pattern` is matched against the path after `/media/`; its first capture
 * group is the id passed to `find`, which returns null for anything that does not exist (or is not
 * for this session to see: both are a plain 404).
 */
export interface MediaRoute {
  pattern: RegExp;
  roles: readonly Role[];
  find(id: string, session: Session): Promise<MediaBody | null>;
}

export type MediaHandler = (request: Request) => Promise<Response>;

/**
 * Serves `/media/<kind>/<id>?token=…` as a standard Request → Response handler: the shell mounts it
 * on the app scheme (so the page's CSP 'self' covers it), the E2E harness on loopback HTTP.
 * 401 without a valid token, 403 for a role the route does not allow, 404 for anything unknown;
 * bodies never say more. Single byte ranges are honoured (206).
 */
export function createMediaHandler(options: { tokens: MediaTokens; routes: readonly MediaRoute[] }): MediaHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const url = new URL(request.url);
    if (!url.pathname.startsWith(MEDIA_PREFIX)) return status(404);
    const session = options.tokens.resolve(url.searchParams.get('token') ?? '');
    if (!session) return status(401);
    const path = url.pathname.slice(MEDIA_PREFIX.length);
    for (const route of options.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (!route.roles.includes(session.role)) return status(403);
      const body = await route.find(match[1] ?? '', session).catch(() => null);
      if (!body) return status(404);
      return respond(request, body);
    }
    return status(404);
  };
}

function respond(request: Request, body: MediaBody): Response {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': body.contentType,
    'Accept-Ranges': 'bytes',
    // Patient data never goes to the browser's disk cache.
    'Cache-Control': 'no-store',
  };
  const range = parseRange(request.headers.get('range'), body.size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${body.size}` } });
  const [start, end] = range ?? [0, body.size];
  headers['Content-Length'] = String(end - start);
  if (range) headers['Content-Range'] = `bytes ${start}-${end - 1}/${body.size}`;
  const stream = request.method === 'HEAD' ? null : toStream(body.read(start, end));
  return new Response(stream, { status: range ? 206 : 200, headers });
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range as [start, end); null for none or several (then the whole body). */
export function parseRange(header: string | null, size: number): [number, number] | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size : Math.min(size, Number(match[2]) + 1);
  }
  if (start >= size || start >= end) return 'unsatisfiable';
  return [start, end];
}

function toStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch {
        controller.error(new Error('The file could not be read.'));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function status(code: 401 | 403 | 404 | 405): Response {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed' }[code];
  return new Response(text, { status: code, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
