import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobError, BlobStore } from '../../../main/files/blob-store.node.ts';

let root: string;
const key = randomBytes(32);
const open = (chunkSize = 1024) => new BlobStore({ root, fileKey: key, chunkSize });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cw-blobs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function* pieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.byteLength; at += size) yield data.subarray(at, at + size);
}

describe('BlobStore', () => {
  it('round-trips bytes and streams of every size around chunk boundaries', async () => {
    const blobs = open();
    for (const size of [0, 1, 1023, 1024, 1025, 4096, 10_000]) {
      const data = randomBytes(size);
      const put = await blobs.put(pieces(data, 333));
      expect(put.size).toBe(size);
      expect(put.hash).toBe(blobs.nameOf(data));
      expect(Buffer.from(await blobs.read(put.hash)).equals(data)).toBe(true);
      expect((await collect(blobs.stream(put.hash))).equals(data)).toBe(true);
      expect(await blobs.size(put.hash)).toBe(size);
    }
  });

  it('reads any range by decrypting only its chunks', async () => {
    const blobs = open();
    const data = randomBytes(5000);
    const { hash } = await blobs.put(data);
    for (const [start, end] of [[0, 1], [1000, 1030], [1023, 1025], [4999, 5000], [2048, 5000], [0, 5000], [300, 7000]] as const) {
      expect((await collect(blobs.stream(hash, { start, end }))).equals(data.subarray(start, Math.min(end, 5000)))).toBe(true);
    }
  });

  it('streams blobs larger than a read batch, and ranges across batches, exactly', async () => {
    const blobs = open(64 * 1024);
    const data = randomBytes(3 * 1024 * 1024 + 123);
    const { hash } = await blobs.put(data);
    // Concurrent readers each get their own read buffer.
    const [whole, again] = await Promise.all([collect(blobs.stream(hash)), blobs.read(hash)]);
    expect(whole.equals(data)).toBe(true);
    expect(Buffer.from(again).equals(data)).toBe(true);
    for (const [start, end] of [[65_535, 1_048_600], [1_000_000, 2_200_000], [3 * 1024 * 1024, 3 * 1024 * 1024 + 123]] as const) {
      expect((await collect(blobs.stream(hash, { start, end }))).equals(data.subarray(start, end))).toBe(true);
    }
  });

  it('reads blobs written with another chunk size (the size is in each header)', async () => {
    const data = randomBytes(300_000);
    const { hash } = await open(64 * 1024).put(data);
    const current = new BlobStore({ root, fileKey: key });
    expect(Buffer.from(await current.read(hash)).equals(data)).toBe(true);
    expect((await collect(current.stream(hash, { start: 65_000, end: 200_000 }))).equals(data.subarray(65_000, 200_000))).toBe(true);
  });

  it('recognises content already stored without writing it again', async () => {
    const blobs = open();
    const data = randomBytes(5000);
    const first = await blobs.put(data);
    const before = await readFile(blobs.encryptedPath(first.hash));
    const again = await blobs.put(data);
    expect(again).toEqual(first);
    // Not rewritten: a new write would carry a new random salt.
    expect((await readFile(blobs.encryptedPath(first.hash))).equals(before)).toBe(true);
  });

  it('stores equal content once, under a keyed name no other key reproduces', async () => {
    const blobs = open();
    const data = randomBytes(3000);
    const a = await blobs.put(data);
    const b = await blobs.put(data);
    expect(a.hash).toBe(b.hash);
    const names = [];
    for await (const name of blobs.names()) names.push(name);
    expect(names).toEqual([a.hash]);
    const other = new BlobStore({ root: await mkdtemp(join(tmpdir(), 'cw-blobs-other-')), fileKey: randomBytes(32) });
    expect(other.nameOf(data)).not.toBe(a.hash);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('keeps no plaintext on disk', async () => {
    const blobs = open();
    const marker = Buffer.from('PATIENT^NAME^SHOULD^NOT^LEAK');
    const data = Buffer.concat([marker, randomBytes(100), marker]);
    const { hash } = await blobs.put(data);
    const file = await readFile(blobs.encryptedPath(hash));
    expect(file.includes(marker)).toBe(false);
  });

  it('detects tampering, truncation, reordering, appended chunks and swapped names', async () => {
    const blobs = open(1024);
    const data = randomBytes(4000);
    const { hash } = await blobs.put(data);
    const path = blobs.encryptedPath(hash);
    const original = await readFile(path);
    const stride = 1024 + 16;
    const attempts: Buffer[] = [
      Buffer.from(original).fill(0x41, 500, 501),
      original.subarray(0, original.byteLength - 10),
      original.subarray(0, 84 + 3 * stride),
      Buffer.concat([original.subarray(0, 84), original.subarray(84 + stride, 84 + 2 * stride), original.subarray(84, 84 + stride), original.subarray(84 + 2 * stride)]),
      Buffer.concat([original, original.subarray(84, 84 + stride)]),
    ];
    for (const bad of attempts) {
      await writeFile(path, bad);
      await expect(blobs.read(hash)).rejects.toMatchObject({ reason: 'corrupt' });
    }
    await writeFile(path, original);
    const other = await blobs.put(randomBytes(4000));
    await writeFile(blobs.encryptedPath(other.hash), original);
    await expect(blobs.read(other.hash)).rejects.toBeInstanceOf(BlobError);
    await expect(collect(blobs.stream(other.hash, { start: 0, end: 10 }))).rejects.toBeInstanceOf(BlobError);
  });

  it('refuses bad names and reports missing blobs', async () => {
    const blobs = open();
    await expect(blobs.read('../../etc/passwd')).rejects.toMatchObject({ reason: 'bad-name' });
    await expect(blobs.read('a'.repeat(64))).rejects.toMatchObject({ reason: 'not-found' });
    expect(await blobs.has('a'.repeat(64))).toBe(false);
    expect(await blobs.remove('a'.repeat(64))).toBe(false);
  });

  it('accepts an encrypted copy from a workstation with the same key and refuses a damaged one', async () => {
    const blobs = open();
    const data = randomBytes(2500);
    const { hash } = await blobs.put(data);
    const encrypted = await readFile(blobs.encryptedPath(hash));
    const peer = new BlobStore({ root: await mkdtemp(join(tmpdir(), 'cw-blobs-peer-')), fileKey: key });
    await expect(peer.putEncrypted(hash, Buffer.from(encrypted).fill(1, 200, 201))).rejects.toBeInstanceOf(BlobError);
    expect(await peer.putEncrypted(hash, encrypted)).toEqual({ hash, size: 2500 });
    expect(Buffer.from(await peer.read(hash)).equals(data)).toBe(true);
  });
});
