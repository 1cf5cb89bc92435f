import { createHash, randomBytes } from 'node:crypto';
import { KeyringError } from './errors.ts';

/**
 * The recovery key as printed for the administrator: 160 random bits and a
 * 20-bit checksum in Crockford base32 (no I, L, O, U; case-insensitive), nine
 * groups of four, e.g. `7QKM-2XWP-…`. The checksum tells a typo from a wrong key.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_BYTES = 20;
const CHECK_CHARS = 4;
const GROUP = 4;

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function checksum(secret: Uint8Array): string {
  const digest = createHash('sha256').update('clinic-workstation/recovery-check/v1').update(secret).digest();
  return toBase32(digest).slice(0, CHECK_CHARS);
}

export function formatRecoveryKey(secret: Uint8Array): string {
  const chars = toBase32(secret) + checksum(secret);
  return chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

export function generateRecoveryKey(): { secret: Buffer; text: string } {
  const secret = randomBytes(SECRET_BYTES);
  return { secret, text: formatRecoveryKey(secret) };
}

/** The secret of a typed recovery key; tolerant of case, spaces, dashes and O/I/L for 0/1. */
export function parseRecoveryKey(text: string): Buffer {
  const chars = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const bodyLength = (SECRET_BYTES * 8) / 5;
  if (chars.length !== bodyLength + CHECK_CHARS || [...chars].some((char) => !ALPHABET.includes(char))) {
    throw new KeyringError('INVALID_RECOVERY_KEY');
  }
  const secret = fromBase32(chars.slice(0, bodyLength));
  if (checksum(secret) !== chars.slice(bodyLength)) throw new KeyringError('INVALID_RECOVERY_KEY');
  return secret;
}
