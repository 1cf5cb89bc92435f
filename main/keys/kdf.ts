import { randomBytes, scrypt } from 'node:crypto';

/** scrypt parameters, recorded with each keyring entry so they can be raised for new entries later. */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^16 (64 MiB): ~0.3 s on one core of a 2-core clinic PC, leaving time
 * for opening the database within a one-second sign-in.
 */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 16, r: 8, p: 1 };

/** Bounds accepted from the keyring file: below is too weak to trust; above (over 256 MiB or many seconds) a denial of service. */
export const KDF_LIMITS = { minLogN: 14, maxLogN: 18, maxR: 8, maxP: 4 } as const;

export function newSalt(): Buffer {
  return randomBytes(16);
}

/** The key-encryption key of a password; NFC so a password typed through another input method still matches. */
export function deriveKek(password: string, salt: Uint8Array, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
