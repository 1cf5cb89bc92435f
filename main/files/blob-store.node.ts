import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writevSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * Encrypted, content-addressed blob store.
 *
 * Layout under `root`: `blobs/<first two hex>/<name>` for published blobs, `tmp/` for writes in progress
 * (a crash leaves only temp files there, which `sweepTemp` removes). A blob is written to a temp file,
 * fsynced, and renamed into place: readers never see a partial blob. `put` does this for one blob; `stageSync`,
 * `syncStaged` and `publish` split it so many blobs wait on the disk together (the DICOM import).
 *
 * Name: HMAC-SHA256(nameKey, plaintext) in lower-case hex, with nameKey = HKDF(fileKey, "cw blob name v1").
 * Equal files share one blob, but without the key nobody can confirm that a known file is stored.
 *
 * File format (all integers big-endian):
 *   header, 84 bytes:
 *     0  magic "CWBL"            4
 *     4  version = 1             1
 *     5  reserved (zero)         3
 *     8  chunk size C            u32   plaintext bytes per chunk (the last may be shorter)
 *     12 plaintext size N        u64
 *     20 salt                    32    random per file
 *     52 header MAC              32    HMAC-SHA256(headerKey, bytes 0..52 ‖ name as ASCII)
 *   then chunk i = 0 … max(1, ⌈N/C⌉) − 1, each: ciphertext (C bytes, the last N − i·C) ‖ GCM tag (16).
 *
 * Chunk i is AES-256-GCM under chunkKey = HKDF(fileKey, salt, "cw blob chunk v1") — a key of its own
 * per file, so the counter nonce (4 zero bytes ‖ u64 i) never repeats under one key — with
 * AAD = salt ‖ u64 i ‖ u8 final (1 for the last chunk). Reordered, dropped, appended or edited chunks
 * fail their tag; a file cut at a chunk boundary lacks its final chunk; the header MAC binds the salt
 * (hence every chunk) and the size to the blob's name, so blobs swapped under each other's names
 * are refused. Fixed-size chunks make any byte range readable by decrypting only its chunks.
 *
 * The store takes the 32-byte file key as an argument and touches nothing but the file system, so any
 * thread (import workers, the sync worker) can open one.
 */

const MAGIC = Buffer.from('CWBL', 'ascii');
const VERSION = 1;
const HEADER_SIZE = 84;
const MAC_OFFSET = 52;
const TAG_SIZE = 16;
/**
 * 256 KiB: per-chunk cipher set-up dominates below that (AES-GCM itself runs at gigabytes a second), while
 * a byte range still decrypts at most a chunk more than it asks for. The size is in each file's header, so
 * blobs written with another size (64 KiB before) stay readable.
 */
export const DEFAULT_CHUNK_SIZE = 256 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const NAME_PATTERN = /^[0-9a-f]{64}$/;
const TEMP_PATTERN = /^[0-9a-f-]{36}\.part$/;
const WRITE_BATCH_BYTES = 1024 * 1024;
const READ_BATCH_BYTES = 1024 * 1024;
/** A read batch of the default chunk size with its tags fits one reusable buffer. */
const READ_BUFFER_BYTES = READ_BATCH_BYTES + 64 * TAG_SIZE;
const KEPT_READ_BUFFERS = 4;

export interface BlobRef {
  hash: string;
  /** Plaintext bytes. */
  size: number;
}

/** A blob encrypted into a temp file by `stageSync`: neither durable (`syncStaged`) nor visible (`publish`) yet. */
export interface StagedBlob extends BlobRef {
  /** The temp file's name in `tmp/`; null when an equal blob was already stored. */
  temp: string | null;
}

declare const synced: unique symbol;
/** A staged blob whose temp file `syncStaged` made durable: what `publish` takes. */
export type SyncedBlob = StagedBlob & { readonly [synced]: true };

/** What `publish` did with a staged blob: put it in place, found an equal one there, or failed (temp file removed). */
export type PublishOutcome = 'created' | 'present' | 'failed';

export interface RangeOptions {
  /** First plaintext byte, inclusive. */
  start?: number;
  /** Last plaintext byte, exclusive. */
  end?: number;
}

/** A blob that is missing, damaged or not what its name says. The message never carries content. */
export class BlobError extends Error {
  readonly reason: 'not-found' | 'corrupt' | 'bad-name';
  constructor(reason: BlobError['reason'], message: string) {
    super(message);
    this.name = 'BlobError';
    this.reason = reason;
  }
}

interface Header {
  chunkSize: number;
  size: number;
  salt: Buffer;
  raw: Buffer;
}

export class BlobStore {
  readonly #root: string;
  readonly #blobs: string;
  readonly #tmp: string;
  readonly #fileKey: Buffer;
  readonly #nameKey: Buffer;
  readonly #headerKey: Buffer;
  readonly #chunkSize: number;
  /** Encrypted read buffers, reused: their contents are decrypted into new buffers before they go back. */
  readonly #readBuffers: Buffer[] = [];

  constructor(options: { root: string; fileKey: Uint8Array; chunkSize?: number }) {
    if (options.fileKey.byteLength !== 32) throw new Error('The file key must be 32 bytes.');
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw new Error('Invalid chunk size.');
    this.#root = options.root;
    this.#blobs = join(options.root, 'blobs');
    this.#tmp = join(options.root, 'tmp');
    this.#fileKey = Buffer.from(options.fileKey);
    this.#nameKey = derive(this.#fileKey, Buffer.alloc(0), 'cw blob name v1');
    this.#headerKey = derive(this.#fileKey, Buffer.alloc(0), 'cw blob header v1');
    this.#chunkSize = chunkSize;
    mkdirSync(this.#blobs, { recursive: true, mode: 0o700 });
    mkdirSync(this.#tmp, { recursive: true, mode: 0o700 });
  }

  get root(): string {
    return this.#root;
  }

  /** The name a plaintext would get, without storing it. */
  nameOf(plaintext: Uint8Array): string {
    return createHmac('sha256', this.#nameKey).update(plaintext).digest('hex');
  }

  /**
   * Stores a plaintext (bytes or a stream of chunks) and returns its name and size; storing equal content
   * again is a no-op. Bytes in memory are named first, so content already stored is not encrypted again.
   */
  async put(source: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<BlobRef> {
    const known = source instanceof Uint8Array ? { hash: this.nameOf(source), size: source.byteLength } : null;
    if (known && (await exists(this.#pathOf(known.hash)))) return known;
    const salt = randomBytes(32);
    const chunkKey = derive(this.#fileKey, salt, 'cw blob chunk v1');
    const mac = known ? null : createHmac('sha256', this.#nameKey);
    const tmpPath = join(this.#tmp, `${randomUUID()}.part`);
    const file = await open(tmpPath, 'wx', 0o600);
    let published = false;
    try {
      const writer = new ChunkWriter(file, chunkKey, salt, this.#chunkSize, mac);
      if (source instanceof Uint8Array) await writer.add(source);
      else for await (const part of source) await writer.add(part);
      const { size } = await writer.finish();
      const hash = known?.hash ?? mac!.digest('hex');
      const header = this.#header(this.#chunkSize, size, salt, hash);
      await file.write(header, 0, HEADER_SIZE, 0);
      const target = this.#pathOf(hash);
      if (await exists(target)) return { hash, size };
      await file.sync();
      await file.close();
      await mkdir(join(this.#blobs, hash.slice(0, 2)), { recursive: true, mode: 0o700 });
      await rename(tmpPath, target);
      published = true;
      await syncDir(join(this.#blobs, hash.slice(0, 2)));
      return { hash, size };
    } finally {
      await file.close().catch(() => {});
      if (!published) await rm(tmpPath, { force: true });
    }
  }

  /**
   * Encrypts bytes into a temp file without waiting for the disk, synchronously: for worker threads, where
   * blocking costs nothing and keeps the process's shared libuv pool free for the fsyncs. The file is
   * written in one go, header first (the name and size are known up front), its chunks sealed straight from
   * `plaintext` with no intermediate copy. Content already stored is not encrypted again (`temp: null`).
   */
  stageSync(plaintext: Uint8Array): StagedBlob {
    const hash = this.nameOf(plaintext);
    const size = plaintext.byteLength;
    if (existsSync(this.#pathOf(hash))) return { hash, size, temp: null };
    const salt = randomBytes(32);
    // One key object for all the blob's chunks, instead of importing the raw key for each.
    const chunkKey = createSecretKey(derive(this.#fileKey, salt, 'cw blob chunk v1'));
    const temp = `${randomUUID()}.part`;
    const path = join(this.#tmp, temp);
    const fd = openSync(path, 'wx', 0o600);
    try {
      let pending: Uint8Array[] = [this.#header(this.#chunkSize, size, salt, hash)];
      let pendingBytes = HEADER_SIZE;
      let position = 0;
      const count = chunkCount({ size, chunkSize: this.#chunkSize });
      for (let index = 0; index < count; index++) {
        const body = plaintext.subarray(index * this.#chunkSize, Math.min(size, (index + 1) * this.#chunkSize));
        for (const part of sealChunk(chunkKey, salt, index, index === count - 1, body)) {
          pending.push(part);
          pendingBytes += part.byteLength;
        }
        if (pendingBytes >= WRITE_BATCH_BYTES || index === count - 1) {
          writeAllSync(fd, pending, position);
          position += pendingBytes;
          pending = [];
          pendingBytes = 0;
        }
      }
      closeSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw error;
    }
    return { hash, size, temp };
  }

  /**
   * Makes a staged blob's temp file durable (fsync), as soon as it is staged: its wait on the disk overlaps
   * the staging of the files after it. Rejects, and removes the temp file, if it cannot.
   */
  async syncStaged(staged: StagedBlob): Promise<SyncedBlob> {
    checkName(staged.hash);
    if (staged.temp === null) return staged as SyncedBlob;
    if (!TEMP_PATTERN.test(staged.temp)) throw new Error('Not a staged file.');
    const path = join(this.#tmp, staged.temp);
    try {
      const file = await open(path, 'r+');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return staged as SyncedBlob;
  }

  /**
   * Puts synced blobs in place together: each temp file renamed into place, then each folder fsynced once — so
   * a group waits on the disk once, not once per blob. A caller that notes names before they appear (the import's
   * claims) does so before calling. The folders of blobs found already stored are fsynced too, so a blob another
   * writer has just renamed is durable before the caller relies on it. Resolves, per blob, once it is durable; a failed
   * blob's temp file is removed.
   */
  async publish(synced: readonly SyncedBlob[]): Promise<PublishOutcome[]> {
    const outcomes = synced.map(({ temp }): PublishOutcome => (temp === null ? 'present' : 'created'));
    const dirOf = (hash: string) => join(this.#blobs, hash.slice(0, 2));
    const dirsWhere = (wanted: (outcome: PublishOutcome) => boolean) => [...new Set(synced.flatMap(({ hash }, i) => (wanted(outcomes[i]!) ? [dirOf(hash)] : [])))];
    await Promise.all(dirsWhere((outcome) => outcome === 'created').map((dir) => mkdir(dir, { recursive: true, mode: 0o700 }).catch(() => {})));
    await Promise.all(
      synced.map(async ({ hash, temp }, i) => {
        if (outcomes[i] !== 'created') return;
        const tempPath = join(this.#tmp, temp!);
        try {
          // Another writer may have stored equal content meanwhile: theirs stays, so their claim on it holds.
          if (await exists(this.#pathOf(hash))) outcomes[i] = 'present';
          else await rename(tempPath, this.#pathOf(hash));
        } catch {
          outcomes[i] = 'failed';
        }
        if (outcomes[i] !== 'created') await rm(tempPath, { force: true });
      }),
    );
    await Promise.all(dirsWhere((outcome) => outcome !== 'failed').map((dir) => syncDir(dir)));
    return outcomes;
  }

  /**
   * Stores an encrypted blob file exactly as another workstation (same file key) wrote it, e.g. one
   * the sync worker downloaded. Every chunk and the name are verified before it is published.
   */
  async putEncrypted(hash: string, encrypted: Uint8Array): Promise<BlobRef> {
    checkName(hash);
    const target = this.#pathOf(hash);
    const header = this.#parseHeader(encrypted.subarray(0, HEADER_SIZE), hash);
    const mac = createHmac('sha256', this.#nameKey);
    const chunkKey = derive(this.#fileKey, header.salt, 'cw blob chunk v1');
    const count = chunkCount(header);
    if (encrypted.byteLength !== HEADER_SIZE + header.size + count * TAG_SIZE) throw corrupt();
    for (let index = 0; index < count; index++) {
      mac.update(decryptChunk(chunkKey, header, index, encryptedChunkAt(encrypted, header, index)));
    }
    if (mac.digest('hex') !== hash) throw corrupt();
    if (await exists(target)) return { hash, size: header.size };
    const tmpPath = join(this.#tmp, `${randomUUID()}.part`);
    const file = await open(tmpPath, 'wx', 0o600);
    try {
      await file.writeFile(encrypted);
      await file.sync();
    } finally {
      await file.close();
    }
    await mkdir(join(this.#blobs, hash.slice(0, 2)), { recursive: true, mode: 0o700 });
    await rename(tmpPath, target).catch(async (error: unknown) => {
      await rm(tmpPath, { force: true });
      throw error;
    });
    await syncDir(join(this.#blobs, hash.slice(0, 2)));
    return { hash, size: header.size };
  }

  /** Where the encrypted file of a blob lives (for uploading it as it is); it may not exist. */
  encryptedPath(hash: string): string {
    checkName(hash);
    return this.#pathOf(hash);
  }

  async has(hash: string): Promise<boolean> {
    return NAME_PATTERN.test(hash) && (await exists(this.#pathOf(hash)));
  }

  /** Plaintext size, from the authenticated header. */
  async size(hash: string): Promise<number> {
    const file = await this.#open(hash);
    try {
      return (await this.#readHeader(file, hash)).size;
    } finally {
      await file.close();
    }
  }

  /** The whole plaintext, verified chunk by chunk and against its name. */
  async read(hash: string): Promise<Uint8Array> {
    const file = await this.#open(hash);
    try {
      const header = await this.#readHeader(file, hash);
      const out = new Uint8Array(header.size);
      const mac = createHmac('sha256', this.#nameKey);
      let at = 0;
      for await (const plain of this.#chunks(file, header, 0, chunkCount(header))) {
        out.set(plain, at);
        mac.update(plain);
        at += plain.byteLength;
      }
      if (mac.digest('hex') !== hash) throw corrupt();
      return out;
    } finally {
      await file.close();
    }
  }

  /** A byte range of the plaintext (all of it by default), decrypting only the chunks it covers. */
  async *stream(hash: string, range: RangeOptions = {}): AsyncGenerator<Uint8Array> {
    const file = await this.#open(hash);
    try {
      const header = await this.#readHeader(file, hash);
      const start = Math.max(0, Math.min(range.start ?? 0, header.size));
      const end = Math.max(start, Math.min(range.end ?? header.size, header.size));
      if (start === end) return;
      const first = Math.floor(start / header.chunkSize);
      const last = Math.floor((end - 1) / header.chunkSize);
      let index = first;
      for await (const plain of this.#chunks(file, header, first, last + 1)) {
        const chunkStart = index * header.chunkSize;
        const from = Math.max(0, start - chunkStart);
        const to = Math.min(plain.byteLength, end - chunkStart);
        yield from === 0 && to === plain.byteLength ? plain : plain.subarray(from, to);
        index++;
      }
    } finally {
      await file.close();
    }
  }

  /** Removes a blob; false if it was not there. Callers make sure nothing references it any more. */
  async remove(hash: string): Promise<boolean> {
    checkName(hash);
    try {
      await rm(this.#pathOf(hash));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Every stored blob's name. */
  async *names(): AsyncGenerator<string> {
    for (const prefix of await readdir(this.#blobs).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of await readdir(join(this.#blobs, prefix)).catch(() => [] as string[])) if (NAME_PATTERN.test(name)) yield name;
    }
  }

  /** Removes temp files older than `minAgeMs`, left by writes a crash interrupted. */
  async sweepTemp(minAgeMs = 60 * 60_000, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#tmp).catch(() => [] as string[])) {
      const path = join(this.#tmp, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs >= minAgeMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  #pathOf(hash: string): string {
    return join(this.#blobs, hash.slice(0, 2), hash);
  }

  async #open(hash: string): Promise<FileHandle> {
    checkName(hash);
    try {
      return await open(this.#pathOf(hash), 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobError('not-found', 'The file is not stored.');
      throw error;
    }
  }

  #header(chunkSize: number, size: number, salt: Buffer, hash: string): Buffer {
    const header = Buffer.alloc(HEADER_SIZE);
    MAGIC.copy(header, 0);
    header.writeUInt8(VERSION, 4);
    header.writeUInt32BE(chunkSize, 8);
    header.writeBigUInt64BE(BigInt(size), 12);
    salt.copy(header, 20);
    createHmac('sha256', this.#headerKey).update(header.subarray(0, MAC_OFFSET)).update(hash, 'ascii').digest().copy(header, MAC_OFFSET);
    return header;
  }

  #parseHeader(bytes: Uint8Array, hash: string): Header {
    if (bytes.byteLength < HEADER_SIZE) throw corrupt();
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
    if (!raw.subarray(0, 4).equals(MAGIC) || raw.readUInt8(4) !== VERSION) throw corrupt();
    const expected = createHmac('sha256', this.#headerKey).update(raw.subarray(0, MAC_OFFSET)).update(hash, 'ascii').digest();
    if (!timingSafeEqual(expected, raw.subarray(MAC_OFFSET, HEADER_SIZE))) throw corrupt();
    const chunkSize = raw.readUInt32BE(8);
    const size = Number(raw.readBigUInt64BE(12));
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE || !Number.isSafeInteger(size)) throw corrupt();
    return { chunkSize, size, salt: Buffer.from(raw.subarray(20, 52)), raw };
  }

  async #readHeader(file: FileHandle, hash: string): Promise<Header> {
    const bytes = Buffer.alloc(HEADER_SIZE);
    const { bytesRead } = await file.read(bytes, 0, HEADER_SIZE, 0);
    const header = this.#parseHeader(bytes.subarray(0, bytesRead), hash);
    const { size } = await file.stat();
    if (size !== HEADER_SIZE + header.size + chunkCount(header) * TAG_SIZE) throw corrupt();
    return header;
  }

  /**
   * Decrypted chunks [from, to), read about a megabyte at a time into a buffer reused from read to read:
   * serving images allocates only the plaintext it hands out, not a second copy to be collected.
   */
  async *#chunks(file: FileHandle, header: Header, from: number, to: number): AsyncGenerator<Buffer> {
    const chunkKey = derive(this.#fileKey, header.salt, 'cw blob chunk v1');
    const stride = header.chunkSize + TAG_SIZE;
    const perBatch = Math.max(1, Math.floor(READ_BATCH_BYTES / stride));
    for (let batchStart = from; batchStart < to; batchStart += perBatch) {
      const batchEnd = Math.min(to, batchStart + perBatch);
      const offset = HEADER_SIZE + batchStart * stride;
      const length = encryptedEnd(header, batchEnd - 1) - offset;
      const buffer = this.#readBuffers.pop() ?? Buffer.allocUnsafe(READ_BUFFER_BYTES);
      const sealed = length <= buffer.byteLength ? buffer.subarray(0, length) : Buffer.allocUnsafe(length);
      const plain: Buffer[] = [];
      try {
        const { bytesRead } = await file.read(sealed, 0, length, offset);
        if (bytesRead !== length) throw corrupt();
        for (let index = batchStart; index < batchEnd; index++) {
          const at = HEADER_SIZE + index * stride - offset;
          plain.push(decryptChunk(chunkKey, header, index, sealed.subarray(at, encryptedEnd(header, index) - offset)));
        }
      } finally {
        if (this.#readBuffers.length < KEPT_READ_BUFFERS) this.#readBuffers.push(buffer);
      }
      yield* plain;
    }
  }
}

type Mac = ReturnType<typeof createHmac>;

/**
 * Buffers plaintext into fixed-size chunks; a full chunk is sealed only once more data shows it is
 * not the last. Sealed chunks are written about a megabyte at a time.
 */
class ChunkWriter {
  readonly #file: FileHandle;
  readonly #key: Buffer;
  readonly #salt: Buffer;
  readonly #chunkSize: number;
  /** Null when the name is already known. */
  readonly #mac: Mac | null;
  readonly #buffer: Buffer;
  #sealed: Buffer[] = [];
  #sealedBytes = 0;
  #filled = 0;
  #index = 0;
  #position = HEADER_SIZE;
  #size = 0;

  constructor(file: FileHandle, key: Buffer, salt: Buffer, chunkSize: number, mac: Mac | null) {
    this.#file = file;
    this.#key = key;
    this.#salt = salt;
    this.#chunkSize = chunkSize;
    this.#mac = mac;
    this.#buffer = Buffer.allocUnsafe(chunkSize);
  }

  async add(part: Uint8Array): Promise<void> {
    this.#mac?.update(part);
    this.#size += part.byteLength;
    let at = 0;
    while (at < part.byteLength) {
      if (this.#filled === this.#chunkSize) {
        this.#seal(false);
        if (this.#sealedBytes >= WRITE_BATCH_BYTES) await this.#write();
      }
      const take = Math.min(this.#chunkSize - this.#filled, part.byteLength - at);
      this.#buffer.set(part.subarray(at, at + take), this.#filled);
      this.#filled += take;
      at += take;
    }
  }

  async finish(): Promise<{ size: number }> {
    this.#seal(true);
    await this.#write();
    return { size: this.#size };
  }

  #seal(final: boolean): void {
    for (const part of sealChunk(this.#key, this.#salt, this.#index, final, this.#buffer.subarray(0, this.#filled))) {
      this.#sealed.push(part);
      this.#sealedBytes += part.byteLength;
    }
    this.#index++;
    this.#filled = 0;
  }

  async #write(): Promise<void> {
    if (this.#sealedBytes === 0) return;
    await this.#file.writev(this.#sealed, this.#position);
    this.#position += this.#sealedBytes;
    this.#sealed = [];
    this.#sealedBytes = 0;
  }
}

/** Chunk `index` encrypted and authenticated: ciphertext, (empty) cipher tail and GCM tag, to be written in order. */
function sealChunk(key: Buffer | KeyObject, salt: Buffer, index: number, final: boolean, body: Uint8Array): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(index));
  cipher.setAAD(aadOf(salt, index, final));
  const sealed = cipher.update(body);
  const tail = cipher.final();
  return tail.byteLength === 0 ? [sealed, cipher.getAuthTag()] : [sealed, tail, cipher.getAuthTag()];
}

/** Writes every byte of `parts` at `position` (a vectored write may stop short). */
function writeAllSync(fd: number, parts: Uint8Array[], position: number): void {
  let rest = parts;
  let at = position;
  for (;;) {
    const total = rest.reduce((sum, part) => sum + part.byteLength, 0);
    const written = writevSync(fd, rest, at);
    if (written >= total) return;
    if (written === 0) throw new Error('The file could not be written.');
    at += written;
    rest = [Buffer.concat(rest).subarray(written)];
  }
}

function derive(key: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, info, 32));
}

function nonceOf(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadOf(salt: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(salt.byteLength + 9);
  salt.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), salt.byteLength);
  aad.writeUInt8(final ? 1 : 0, salt.byteLength + 8);
  return aad;
}

function chunkCount(header: Pick<Header, 'size' | 'chunkSize'>): number {
  return Math.max(1, Math.ceil(header.size / header.chunkSize));
}

/** File offset just past chunk `index` (ciphertext and tag). */
function encryptedEnd(header: Header, index: number): number {
  const plainEnd = Math.min(header.size, (index + 1) * header.chunkSize);
  return HEADER_SIZE + plainEnd + (index + 1) * TAG_SIZE;
}

function encryptedChunkAt(encrypted: Uint8Array, header: Header, index: number): Uint8Array {
  return encrypted.subarray(HEADER_SIZE + index * (header.chunkSize + TAG_SIZE), encryptedEnd(header, index));
}

function decryptChunk(key: Buffer, header: Header, index: number, sealed: Uint8Array): Buffer {
  const final = index === chunkCount(header) - 1;
  if (sealed.byteLength < TAG_SIZE) throw corrupt();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(index));
    decipher.setAAD(aadOf(header.salt, index, final));
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_SIZE));
    const body = decipher.update(sealed.subarray(0, sealed.byteLength - TAG_SIZE));
    const tail = decipher.final();
    // GCM's final() verifies the tag and returns no bytes: no copy to join them.
    return tail.byteLength === 0 ? body : Buffer.concat([body, tail]);
  } catch {
    throw corrupt();
  }
}

function checkName(hash: string): void {
  if (!NAME_PATTERN.test(hash)) throw new BlobError('bad-name', 'Not a blob name.');
}

function corrupt(): BlobError {
  return new BlobError('corrupt', 'The stored file is damaged or was altered.');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Makes a rename durable (no-op where directories cannot be opened, e.g. Windows). */
async function syncDir(path: string): Promise<void> {
  let dir: FileHandle | null = null;
  try {
    dir = await open(path, 'r');
    await dir.sync();
  } catch {
    // Directory fsync is unsupported on some platforms; the rename itself is still atomic.
  } finally {
    await dir?.close();
  }
}
