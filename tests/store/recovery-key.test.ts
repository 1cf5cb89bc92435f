import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from '../../main/keys/recovery-key.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET = Buffer.from('00112233445566778899aabbccddeeff01234567', 'hex');

describe('recovery key', () => {
  it('is nine groups of four Crockford base32 characters holding 160 random bits', () => {
    const { secret, text } = generateRecoveryKey();
    expect(secret).toHaveLength(20);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(secret);
  });

  it('accepts lower case, spaces and the look-alikes O, I and L', () => {
    const text = formatRecoveryKey(SECRET);
    const sloppy = text.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(parseRecoveryKey(` ${sloppy} `)).toEqual(SECRET);
  });

  it('catches every single-character typo and wrong lengths', () => {
    const chars = formatRecoveryKey(SECRET).replaceAll('-', '');
    for (let position = 0; position < chars.length; position++) {
      for (const replacement of ALPHABET) {
        if (replacement === chars[position]) continue;
        const typo = chars.slice(0, position) + replacement + chars.slice(position + 1);
        expect(() => parseRecoveryKey(typo), `${position}:${replacement}`).toThrow(expect.objectContaining({ code: 'INVALID_RECOVERY_KEY' }));
      }
    }
    expect(() => parseRecoveryKey(chars.slice(1))).toThrow(expect.objectContaining({ code: 'INVALID_RECOVERY_KEY' }));
    expect(() => parseRecoveryKey(`${chars}0`)).toThrow(expect.objectContaining({ code: 'INVALID_RECOVERY_KEY' }));
    expect(() => parseRecoveryKey(chars.replace(/.$/, 'U'))).toThrow(expect.objectContaining({ code: 'INVALID_RECOVERY_KEY' }));
  });
});
