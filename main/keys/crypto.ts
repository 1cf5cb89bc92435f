import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { deriveKey } from './derive.ts';

export const KEY_BYTES = 32;

export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** AES-256-GCM ciphertext, base64 fields for the JSON keyring. */
export interface Box {
  iv: string;
  data: string;
  tag: string;
}

/** `aad` binds the box to what it is for (whose key, which purpose): moved elsewhere, it no longer opens. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Box {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext, or null if the key, the AAD or any byte of the box is wrong. */
export function unseal(key: Uint8Array, box: Box, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** A box sealed to an X25519 public key: anyone may seal, only the private key opens. */
export interface SealedBox extends Box {
  /** The sender's one-time public key. */
  epk: string;
}

// DER prefixes of a raw 32-byte X25519 key (RFC 8410), so raw keys can become KeyObjects.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function privateKeyObject(secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/** The X25519 public key of a 32-byte secret, base64. */
export function publicKeyOf(secret: Uint8Array): string {
  return rawPublicKey(privateKeyObject(secret)).toString('base64');
}

function sharedKey(privateKey: KeyObject, publicKey: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(publicKey) });
  return deriveKey(Buffer.concat([shared, epk, recipient]), 'clinic-workstation/keyring/seal/v1');
}

export function sealTo(publicKey: string, plaintext: Uint8Array, aad: string): SealedBox {
  const recipient = Buffer.from(publicKey, 'base64');
  const ephemeral = generateKeyPairSync('x25519');
  const epk = rawPublicKey(ephemeral.publicKey);
  return { epk: epk.toString('base64'), ...seal(sharedKey(ephemeral.privateKey, recipient, epk, recipient), plaintext, aad) };
}

export function unsealWith(secret: Uint8Array, box: SealedBox, aad: string): Buffer | null {
  try {
    const privateKey = privateKeyObject(secret);
    const epk = Buffer.from(box.epk, 'base64');
    return unseal(sharedKey(privateKey, epk, epk, rawPublicKey(privateKey)), box, aad);
  } catch {
    return null;
  }
}

export function mac(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('base64');
}

export function macMatches(key: Uint8Array, data: string, expected: string): boolean {
  const actual = Buffer.from(mac(key, data), 'base64');
  const given = Buffer.from(expected, 'base64');
  return actual.length === given.length && timingSafeEqual(actual, given);
}
