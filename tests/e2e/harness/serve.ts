import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Mounts a standard `Request → Response` handler (what the shell gives `protocol.handle`) on loopback HTTP. */
export async function serveOnLoopback(handler: (request: Request) => Promise<Response>): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => void respond(handler, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

async function respond(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await handler(new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }));
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (responseHeaders[name] = value));
    res.writeHead(response.status, responseHeaders);
    // Streamed, as Electron's protocol.handle streams a Response body: the first bytes go out before the last are decrypted.
    if (response.body) await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res);
    else res.end();
  } catch {
    if (res.headersSent) res.destroy();
    else res.writeHead(500).end();
  }
}
