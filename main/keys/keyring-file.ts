import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { fsyncDir } from '../store/files.node.ts';
import { KeyringError } from './errors.ts';
import { KDF_LIMITS } from './kdf.ts';

const b64 = z.base64();
const boxSchema = z.object({ iv: b64, data: b64, tag: b64 }).strict();
const sealedBoxSchema = boxSchema.extend({ epk: b64 }).strict();
const powerOfTwo = (value: number) => Number.isInteger(Math.log2(value));

const entrySchema = z
  .object({
    userId: z.string().min(1).max(64),
    username: z.string().min(1).max(64),
    kdf: z
      .object({
        alg: z.literal('scrypt'),
        N: z.number().int().min(2 ** KDF_LIMITS.minLogN).max(2 ** KDF_LIMITS.maxLogN).refine(powerOfTwo),
        r: z.number().int().min(1).max(KDF_LIMITS.maxR),
        p: z.number().int().min(1).max(KDF_LIMITS.maxP),
        salt: b64,
      })
      .strict(),
    /** X25519 public key of the user key: the database key is sealed to it. */
    publicKey: b64,
    /** The user key under scrypt(password). */
    userKey: boxSchema,
    /** The database key sealed to `publicKey`; null while the account is disabled (the password still checks, but opens nothing). */
    dbKey: sealedBoxSchema.nullable(),
    /**
     * When the credential was set, as the record store dates its change (keyring.ts `reconcile`): a store
     * restored from an older backup does not roll a newer password back. Absent in entries made before.
     */
    credentialAt: z.number().optional(),
    /** Not covered by the keyring MAC: updated while the database key is unknown. */
    failures: z.object({ count: z.number().int().min(0), lockedUntil: z.number().nullable() }).strict(),
  })
  .strict();

export const keyringSchema = z
  .object({
    format: z.literal(1),
    /** Which database key the entries hold (derive.ts `keyId`). */
    dbKeyId: z.string().regex(/^[0-9a-f]{16}$/),
    entries: z.array(entrySchema),
    recovery: z.object({ salt: b64, publicKey: b64, dbKey: sealedBoxSchema }).strict(),
    /** A rotation in progress: the next database key under the current one. */
    pending: z.object({ dbKeyId: z.string(), key: boxSchema }).strict().nullable(),
    /** Earlier database keys under the current one, so backups made before a rotation still restore. */
    retired: z.array(z.object({ dbKeyId: z.string(), key: boxSchema }).strict()),
    /** HMAC over everything but the failure counters, keyed from the database key. */
    mac: b64,
  })
  .strict();

export type KeyringData = z.infer<typeof keyringSchema>;
export type KeyringEntry = z.infer<typeof entrySchema>;

/**
 * An extra layer over the whole file, e.g. Electron safeStorage binding it to
 * the Windows/macOS account. The keyring works without one.
 */
export interface KeyringProtection {
  protect(data: Buffer): Promise<Buffer>;
  unprotect(data: Buffer): Promise<Buffer>;
}

/** How the file looks with a protection layer: the layer's output, base64. */
const protectedSchema = z.object({ format: z.literal(1), protected: b64 }).strict();

export async function readKeyringFile(path: string, protection?: KeyringProtection): Promise<KeyringData> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeyringError('KEYRING_MISSING');
    throw error;
  }
  let json = parseJson(raw);
  const wrapped = protectedSchema.safeParse(json);
  if (wrapped.success) {
    if (!protection) throw new KeyringError('KEYRING_PROTECTED');
    let inner: Buffer;
    try {
      inner = await protection.unprotect(Buffer.from(wrapped.data.protected, 'base64'));
    } catch (error) {
      throw new KeyringError('KEYRING_PROTECTED', {}, { cause: error });
    }
    json = parseJson(inner);
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) throw new KeyringError('KEYRING_CORRUPT');
  return parsed.data;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new KeyringError('KEYRING_CORRUPT', {}, { cause: error });
  }
}

/**
 * Replaces the file atomically: write a temporary file, fsync it, rename it
 * over the old one, fsync the folder. A crash leaves the old or the new
 * keyring, never a torn one.
 */
export async function writeKeyringFile(path: string, data: KeyringData, protection?: KeyringProtection): Promise<void> {
  let content = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
  if (protection) content = Buffer.from(JSON.stringify({ format: 1, protected: (await protection.protect(content)).toString('base64') }), 'utf8');
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  fsyncDir(path);
}
