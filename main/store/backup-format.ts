import { open } from 'node:fs/promises';
import { z } from 'zod';
import { StoreError } from './errors.ts';

/**
 * A backup file is the encrypted database snapshot followed by a trailer:
 * manifest JSON, its length (uint32 BE) and a magic. Trailing rather than
 * leading, so the snapshot is written in place and never copied. The manifest
 * holds no patient data.
 */
const BACKUP_MAGIC = Buffer.from('CWBACKUP', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
const MAX_MANIFEST_BYTES = 64 * 1024;

export const backupManifestSchema = z
  .object({
    format: z.literal('clinic-workstation-backup'),
    version: z.number().int().min(1),
    createdAt: z.number(),
    schemaVersion: z.number().int().min(0),
    /** Fingerprint of the database key the snapshot is encrypted under. */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    dbBytes: z.number().int().min(512),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function encodeTrailer(manifest: BackupManifest): Buffer {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([json, length, BACKUP_MAGIC]);
}

/** The manifest of a backup file; BACKUP_CORRUPT if the file is not one or is truncated. */
export async function readManifest(path: string): Promise<BackupManifest> {
  const file = await open(path, 'r').catch((error: unknown) => {
    throw new StoreError('BACKUP_CORRUPT', {}, { cause: error });
  });
  try {
    const { size } = await file.stat();
    const tail = BACKUP_MAGIC.length + 4;
    if (size < tail) throw new StoreError('BACKUP_CORRUPT');
    const end = Buffer.alloc(tail);
    await file.read(end, 0, tail, size - tail);
    if (!end.subarray(4).equals(BACKUP_MAGIC)) throw new StoreError('BACKUP_CORRUPT');
    const length = end.readUInt32BE(0);
    if (length > MAX_MANIFEST_BYTES || length > size - tail) throw new StoreError('BACKUP_CORRUPT');
    const json = Buffer.alloc(length);
    await file.read(json, 0, length, size - tail - length);
    let parsed;
    try {
      parsed = backupManifestSchema.safeParse(JSON.parse(json.toString('utf8')));
    } catch (error) {
      throw new StoreError('BACKUP_CORRUPT', {}, { cause: error });
    }
    if (!parsed.success || parsed.data.dbBytes !== size - tail - length) throw new StoreError('BACKUP_CORRUPT');
    if (parsed.data.version > BACKUP_FORMAT_VERSION) throw new StoreError('BACKUP_TOO_NEW', { format: parsed.data.version });
    return parsed.data;
  } finally {
    await file.close();
  }
}
