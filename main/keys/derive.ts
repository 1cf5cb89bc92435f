import { hkdfSync } from 'node:crypto';

/**
 * Keys derived from the database key with HKDF-SHA256, one `info` label per
 * purpose, so no two uses ever share key material.
 */
export function deriveKey(key: Uint8Array, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), info, length));
}

/** Encrypts image files and sync payloads. */
export function deriveFileKey(dbKey: Uint8Array): Buffer {
  return deriveKey(dbKey, 'clinic-workstation/files/v1');
}

/**
 * A public fingerprint of the database key (64 bits of HKDF output, which
 * reveal nothing about the key): tells backups and keyring entries which key
 * they belong to.
 */
export function keyId(dbKey: Uint8Array): string {
  return deriveKey(dbKey, 'clinic-workstation/key-id/v1', 8).toString('hex');
}
