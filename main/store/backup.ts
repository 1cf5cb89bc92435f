import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoreClient } from './client.ts';
import { BACKUP_FORMAT_VERSION, encodeTrailer, readManifest, type BackupManifest } from './backup-format.ts';
import { StoreError } from './errors.ts';
import { fsyncDir, removeDatabase } from './files.node.ts';
import type { StoreInfo } from './interface.ts';
import { SCHEMA_VERSION } from './migrations/index.ts';

export { readManifest, type BackupManifest };

/**
 * Writes a backup file: an encrypted snapshot (VACUUM INTO, in the worker)
 * plus a manifest trailer, completed under a temporary name and renamed into
 * place, so a half-written backup never carries the final name.
 */
export async function createBackup(store: StoreClient, destination: string, now: () => number = Date.now): Promise<BackupManifest> {
  const temp = `${destination}.${randomBytes(6).toString('hex')}.partial`;
  try {
    const snapshot = await store.snapshotInto(temp);
    const { bytes, sha256 } = await digest(createReadStream(temp));
    const manifest: BackupManifest = {
      format: 'clinic-workstation-backup',
      version: BACKUP_FORMAT_VERSION,
      createdAt: now(),
      schemaVersion: snapshot.schemaVersion,
      keyId: snapshot.keyId,
      dbBytes: bytes,
      sha256,
    };
    const file = await open(temp, 'a');
    try {
      await file.write(encodeTrailer(manifest));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, destination);
    fsyncDir(destination);
    return manifest;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface RestoreOptions {
  /** The current database file; the candidate is prepared beside it so the swap is a rename. */
  databasePath: string;
  /** A key retired by a rotation, for backups made before it (Keyring.retiredKey). */
  retiredKey?: (keyId: string) => Promise<Uint8Array | null>;
}

/**
 * Replaces the current database with a backup. The backup is checked (trailer,
 * checksum, key, integrity, schema version) before anything is touched; any
 * failure leaves the current data as it was.
 */
export async function restoreBackup(store: StoreClient, source: string, options: RestoreOptions): Promise<StoreInfo> {
  const manifest = await readManifest(source);
  if (manifest.schemaVersion > SCHEMA_VERSION) throw new StoreError('BACKUP_TOO_NEW', { schemaVersion: manifest.schemaVersion, supported: SCHEMA_VERSION });
  const current = await store.info();
  const key = manifest.keyId === current.keyId ? null : ((await options.retiredKey?.(manifest.keyId)) ?? null);
  if (manifest.keyId !== current.keyId && !key) throw new StoreError('BACKUP_FOREIGN');

  const candidate = `${options.databasePath}.restore`;
  removeDatabase(candidate);
  try {
    const copied = await digest(createReadStream(source, { start: 0, end: manifest.dbBytes - 1 }), createWriteStream(candidate, { flags: 'wx', mode: 0o600 }));
    if (copied.bytes !== manifest.dbBytes || copied.sha256 !== manifest.sha256) throw new StoreError('BACKUP_CORRUPT');
    // Durable before the swap renames it into place.
    await syncFile(candidate);
    return await store.swapInCandidate(candidate, key);
  } finally {
    removeDatabase(candidate);
  }
}

/** SHA-256 and length of a stream, copied to `copyTo` on the way if given. */
async function digest(source: Readable, copyTo: Writable = new Writable({ write: (_chunk, _encoding, done) => done() })): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    copyTo,
  );
  return { bytes, sha256: hash.digest('hex') };
}

async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
