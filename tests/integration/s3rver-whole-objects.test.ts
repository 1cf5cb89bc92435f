import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Target } from '../../main/sync/s3-target.ts';
import { startS3rver, type LocalS3 } from './support/s3rver.ts';

let s3: LocalS3;
let target: S3Target;

beforeAll(async () => {
  s3 = await startS3rver();
  target = s3.target('');
});

afterAll(async () => {
  target?.destroy();
  await s3?.close();
});

/** Sends half a PUT's body and closes the connection, as a client killed mid-upload does. */
async function cutShortPut(key: string): Promise<void> {
  const socket = connect(s3.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`PUT /${s3.bucket}/${key} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n`);
  socket.write(Buffer.alloc(50_000, 7));
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
}

// The crash tests rely on S3's all-or-nothing PUT, which plain s3rver lacks: it keeps what arrived of a cut-off body.
describe('the test S3 server', () => {
  it('stores an object whole or not at all', async () => {
    await cutShortPut('cut/object');
    // The server handles the closed connection after the client sees it close.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await target.exists('cut/object')).toBe(false);
    expect(await target.list('cut/')).toEqual([]);

    await target.putIfAbsent('cut/object', Buffer.alloc(100_000, 9));
    expect((await target.get('cut/object'))!.equals(Buffer.alloc(100_000, 9))).toBe(true);
    expect(await target.list('cut/')).toEqual(['cut/object']);
  });
});
