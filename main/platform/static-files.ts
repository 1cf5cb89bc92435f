import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './content-security.ts';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Serves the built renderer as a standard `Request → Response` handler: the
 * shell mounts it on the `app://` scheme, the end-to-end harness on a loopback
 * HTTP server. Only files inside `root`, only GET, always with the CSP.
 */
export function createStaticHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const pathname = decodeURIComponent(new URL(request.url).pathname);
    const file = resolve(base, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (file !== base && !file.startsWith(base + sep)) return plain(403, 'Forbidden');
    try {
      const body = await readFile(file);
      const headers = { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' };
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
