import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFileKey, keyId } from '../../main/keys/derive.ts';
import { KeyringError } from '../../main/keys/errors.ts';
import { Keyring, type KeyringOptions } from '../../main/keys/keyring.ts';
import type { KeyringData } from '../../main/keys/keyring-file.ts';
import { addKeyringUser, FAST_KEYRING } from './fixtures.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const ADMIN = { userId: randomUUID(), username: 'Admin', password: 'correct horse battery' };
const NURSE = { userId: randomUUID(), username: 'nurse.li', password: 'a long nurse password' };

async function setup(options: KeyringOptions = FAST_KEYRING) {
  const path = join(tempDir(), 'keyring.json');
  const created = await Keyring.create(path, ADMIN, options);
  return { path, ...created };
}

async function failure(promise: Promise<unknown>): Promise<KeyringError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeyringError);
  return error as KeyringError;
}

function edit(path: string, change: (data: KeyringData) => void): void {
  const data = JSON.parse(readFileSync(path, 'utf8')) as KeyringData;
  change(data);
  writeFileSync(path, JSON.stringify(data));
}

describe('keyring', () => {
  it('creates a random database key and never stores it in clear', async () => {
    const { path, dbKey, recoveryKey } = await setup();
    expect(dbKey).toHaveLength(32);
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    const file = readFileSync(path);
    for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(file.includes(dbKey.toString(encoding))).toBe(false);
    expect(file.includes(ADMIN.password)).toBe(false);
    await expect(Keyring.create(path, ADMIN, FAST_KEYRING)).rejects.toMatchObject({ code: 'KEYRING_EXISTS' });
  });

  it('unlocks with the password, case-insensitively by username', async () => {
    const { path, dbKey } = await setup();
    const keyring = await Keyring.open(path, FAST_KEYRING);
    const unlocked = await keyring.unlockWithPassword('admin', ADMIN.password);
    expect(unlocked).toEqual({ userId: ADMIN.userId, username: 'Admin', dbKey });
  });

  it('fails a wrong password and an unknown user with the same error', async () => {
    const { keyring } = await setup();
    const wrongPassword = await failure(keyring.unlockWithPassword('admin', 'not the password'));
    const unknownUser = await failure(keyring.unlockWithPassword('nobody', ADMIN.password));
    expect(wrongPassword.code).toBe('WRONG_CREDENTIALS');
    expect([unknownUser.code, unknownUser.message]).toEqual([wrongPassword.code, wrongPassword.message]);
  });

  it('locks an entry after five failures, reports the minutes left, and unlocks after them', async () => {
    let now = 1_000_000;
    const { path } = await setup();
    const keyring = await Keyring.open(path, { ...FAST_KEYRING, now: () => now });
    for (let attempt = 1; attempt <= 4; attempt++) expect((await failure(keyring.unlockWithPassword('admin', 'wrong'))).code).toBe('WRONG_CREDENTIALS');
    expect(await failure(keyring.unlockWithPassword('admin', 'wrong'))).toMatchObject({ code: 'LOCKED_OUT', details: { minutesRemaining: 15 } });
    // Even the right password is refused while locked.
    now += 6 * 60_000;
    expect(await failure(keyring.unlockWithPassword('admin', ADMIN.password))).toMatchObject({ code: 'LOCKED_OUT', details: { minutesRemaining: 9 } });
    expect(await keyring.users()).toEqual([{ userId: ADMIN.userId, username: 'Admin', lockedMinutes: 9 }]);
    now += 9 * 60_000;
    await expect(keyring.unlockWithPassword('admin', ADMIN.password)).resolves.toMatchObject({ userId: ADMIN.userId });
    expect(await keyring.users()).toEqual([{ userId: ADMIN.userId, username: 'Admin', lockedMinutes: null }]);
  });

  it('a success resets the failure count', async () => {
    const { keyring } = await setup();
    for (let attempt = 0; attempt < 4; attempt++) await failure(keyring.unlockWithPassword('admin', 'wrong'));
    await keyring.unlockWithPassword('admin', ADMIN.password);
    for (let attempt = 0; attempt < 4; attempt++) expect((await failure(keyring.unlockWithPassword('admin', 'wrong'))).code).toBe('WRONG_CREDENTIALS');
  });

  it('adds users; every user unlocks the same database key; a name already taken gets no entry', async () => {
    const { keyring, dbKey } = await setup();
    expect(await addKeyringUser(keyring, dbKey, NURSE)).toEqual([NURSE.userId]);
    expect((await keyring.unlockWithPassword('NURSE.LI', NURSE.password)).dbKey).toEqual(dbKey);
    expect(await addKeyringUser(keyring, dbKey, { ...NURSE, userId: randomUUID(), username: 'Nurse.Li', password: 'an impostor password' })).toEqual([]);
    expect((await failure(keyring.unlockWithPassword('nurse.li', 'an impostor password'))).code).toBe('WRONG_CREDENTIALS');
  });

  it('refuses changes from a caller without the right database key', async () => {
    const { keyring } = await setup();
    expect((await failure(addKeyringUser(keyring, Buffer.alloc(32, 1), NURSE))).code).toBe('WRONG_KEY');
  });

  it('changes a password without touching the database key', async () => {
    const { keyring, dbKey } = await setup();
    expect((await failure(keyring.rewrap('admin', 'wrong', 'new password 123'))).code).toBe('WRONG_CREDENTIALS');
    const { userId, credential } = await keyring.rewrap('admin', ADMIN.password, 'new password 123');
    await keyring.reconcile(dbKey, [{ userId, username: ADMIN.username, active: true, credential, credentialAt: Date.now() }]);
    expect((await failure(keyring.unlockWithPassword('admin', ADMIN.password))).code).toBe('WRONG_CREDENTIALS');
    expect((await keyring.unlockWithPassword('admin', 'new password 123')).dbKey).toEqual(dbKey);
  });

  it('lets an administrator reset a password and clear a lockout', async () => {
    const { keyring, dbKey } = await setup();
    await addKeyringUser(keyring, dbKey, NURSE);
    for (let attempt = 0; attempt < 5; attempt++) await failure(keyring.unlockWithPassword('nurse.li', 'wrong'));
    await addKeyringUser(keyring, dbKey, { ...NURSE, password: 'temporary password 1' });
    expect((await keyring.unlockWithPassword('nurse.li', 'temporary password 1')).dbKey).toEqual(dbKey);
  });

  it('unlocks and resets a password with the recovery key', async () => {
    const { keyring, dbKey, recoveryKey } = await setup();
    expect(await keyring.unlockWithRecoveryKey(recoveryKey.toLowerCase().replaceAll('-', ' '))).toEqual(dbKey);
    const reset = await keyring.resetPasswordWithRecoveryKey(recoveryKey, 'admin', 'recovered password');
    expect(reset).toEqual({ userId: ADMIN.userId, username: 'Admin', dbKey });
    expect((await keyring.unlockWithPassword('admin', 'recovered password')).dbKey).toEqual(dbKey);
    expect((await failure(keyring.unlockWithPassword('admin', ADMIN.password))).code).toBe('WRONG_CREDENTIALS');
  });

  it('tells a mistyped recovery key from a wrong one', async () => {
    const { keyring, recoveryKey } = await setup();
    const other = await setup();
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'X' ? 'Y' : 'X') + recoveryKey.slice(6);
    expect((await failure(keyring.unlockWithRecoveryKey(typo))).code).toBe('INVALID_RECOVERY_KEY');
    expect((await failure(keyring.unlockWithRecoveryKey(other.recoveryKey))).code).toBe('WRONG_RECOVERY_KEY');
  });

  it('rejects an edited entry', async () => {
    const cases: Array<[change: (data: KeyringData) => void, username: string, code: string]> = [
      // Identity and KDF parameters are associated data of the sealed user key.
      [(data) => (data.entries[0]!.username = 'mallory'), 'mallory', 'WRONG_CREDENTIALS'],
      [(data) => (data.entries[0]!.kdf.N = 2 ** 15), 'admin', 'WRONG_CREDENTIALS'],
      [(data) => (data.entries[0]!.userKey.data = Buffer.alloc(32, 9).toString('base64')), 'admin', 'WRONG_CREDENTIALS'],
      // The password is right but the sealed database key is not this user's.
      [(data) => (data.entries[0]!.dbKey = data.recovery.dbKey), 'admin', 'KEYRING_TAMPERED'],
      // Everything opens, but the file MAC no longer matches.
      [(data) => (data.recovery.publicKey = data.entries[0]!.publicKey), 'admin', 'KEYRING_TAMPERED'],
    ];
    for (const [change, username, code] of cases) {
      const { path } = await setup();
      edit(path, change);
      const keyring = await Keyring.open(path, FAST_KEYRING);
      expect((await failure(keyring.unlockWithPassword(username, ADMIN.password))).code).toBe(code);
    }
  });

  it("detects another user's substituted public key once anyone signs in", async () => {
    const { path, keyring, dbKey } = await setup();
    await addKeyringUser(keyring, dbKey, NURSE);
    // An attacker's own key in the nurse's entry would receive the next rotated database key.
    edit(path, (data) => (data.entries[1]!.publicKey = data.recovery.publicKey));
    expect((await failure(keyring.unlockWithPassword('admin', ADMIN.password))).code).toBe('KEYRING_TAMPERED');
  });

  it('refuses a damaged file and a protected file without its protection', async () => {
    const { path } = await setup();
    writeFileSync(path, '{"format": 1, "entries": ');
    expect((await failure(Keyring.open(path))).code).toBe('KEYRING_CORRUPT');
    expect((await failure(Keyring.open(join(tempDir(), 'missing.json')))).code).toBe('KEYRING_MISSING');
  });

  it('wraps the whole file with an optional protection layer', async () => {
    const xor = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a));
    const protection = { protect: async (data: Buffer) => xor(data), unprotect: async (data: Buffer) => xor(data) };
    const { path, dbKey } = await setup({ ...FAST_KEYRING, protection });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ format: 1, protected: expect.any(String) });
    expect((await failure(Keyring.open(path, FAST_KEYRING))).code).toBe('KEYRING_PROTECTED');
    const keyring = await Keyring.open(path, { ...FAST_KEYRING, protection });
    expect((await keyring.unlockWithPassword('admin', ADMIN.password)).dbKey).toEqual(dbKey);
  });

  it('derives a stable file key and key id, distinct from the database key', async () => {
    const { dbKey } = await setup();
    expect(deriveFileKey(dbKey)).toEqual(deriveFileKey(Buffer.from(dbKey)));
    expect(deriveFileKey(dbKey)).toHaveLength(32);
    expect(deriveFileKey(dbKey).equals(dbKey)).toBe(false);
    expect(keyId(dbKey)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serialises concurrent sign-ins without losing failure counts', async () => {
    const { keyring } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => keyring.unlockWithPassword('admin', 'wrong')));
    const codes = results.map((result) => (result.status === 'rejected' ? (result.reason as KeyringError).code : 'ok'));
    expect(codes).toEqual(['WRONG_CREDENTIALS', 'WRONG_CREDENTIALS', 'WRONG_CREDENTIALS', 'WRONG_CREDENTIALS', 'LOCKED_OUT']);
  });
});
