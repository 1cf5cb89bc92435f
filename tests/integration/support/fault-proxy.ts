import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/** Chances per HTTP request (0..1), rolled in this order; the rest pass untouched. */
export interface Faults {
  /** The connection is closed without an answer. */
  drop: number;
  /** The connection is reset (RST). */
  reset: number;
  /** A canned HTTP 500 answers instead of the server. */
  error500: number;
  /** The server's answer is cut off halfway and the connection closed. */
  truncate: number;
  /** The request is held back for up to `maxDelayMs`. */
  delay: number;
  maxDelayMs: number;
}

export const NO_FAULTS: Faults = { drop: 0, reset: 0, error500: 0, truncate: 0, delay: 0, maxDelayMs: 0 };

export interface FaultProxy {
  readonly endpoint: string;
  /** Faults injected so far, by kind. */
  readonly injected: Record<'drop' | 'reset' | 'error500' | 'truncate' | 'delay', number>;
  setFaults(faults: Partial<Faults>): void;
  /** Offline: every new connection is refused by closing it at once, and open ones are cut. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

const REQUEST_START = /^(GET|PUT|POST|HEAD|DELETE|OPTIONS) /;
const ERROR_BODY = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>Injected.</Message></Error>';
const ERROR_500 = Buffer.from(
  `HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(ERROR_BODY)}\r\n\r\n${ERROR_BODY}`,
);

/** A seeded generator (mulberry32), so a failing seed replays the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A TCP proxy in front of the S3 server that injects network faults per HTTP
 * request: a chunk from the client that starts with a method is a new request
 * (keep-alive connections carry several).
 */
export async function startFaultProxy(upstreamPort: number, options: { seed?: number; faults?: Partial<Faults> } = {}): Promise<FaultProxy> {
  let faults: Faults = { ...NO_FAULTS, ...options.faults };
  let offline = false;
  const random = seededRandom(options.seed ?? 1);
  const injected = { drop: 0, reset: 0, error500: 0, truncate: 0, delay: 0 };
  const open = new Set<Socket>();

  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (offline) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.connect(upstreamPort, '127.0.0.1');

    let truncateNext = false;
    upstream.on('data', (chunk: Buffer) => {
      if (truncateNext) {
        truncateNext = false;
        client.end(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });

    // Chunks go upstream strictly in order, even when one is held back.
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      const startsRequest = REQUEST_START.test(chunk.subarray(0, 8).toString('latin1'));
      let wait = 0;
      if (startsRequest) {
        const roll = random();
        let edge = 0;
        if (roll < (edge += faults.drop)) {
          injected.drop++;
          client.destroy();
          return;
        }
        if (roll < (edge += faults.reset)) {
          injected.reset++;
          client.resetAndDestroy();
          upstream.destroy();
          return;
        }
        if (roll < (edge += faults.error500)) {
          injected.error500++;
          client.end(ERROR_500);
          upstream.destroy();
          return;
        }
        if (roll < (edge += faults.truncate)) {
          injected.truncate++;
          truncateNext = true;
        } else if (roll < (edge += faults.delay)) {
          injected.delay++;
          wait = Math.floor(random() * faults.maxDelayMs);
        }
      }
      queue = queue.then(async () => {
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    injected,
    setFaults(next) {
      faults = { ...faults, ...next };
    },
    setOffline(next) {
      offline = next;
      if (next) for (const socket of open) socket.destroy();
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
