import { existsSync } from 'node:fs';
import { canonicalJson } from './canonical-json.ts';
import { mac, macMatches, publicKeyOf, randomKey, seal, sealTo, unseal, unsealWith } from './crypto.ts';
import { deriveKey, keyId } from './derive.ts';
import { KeyringError } from './errors.ts';
import { DEFAULT_KDF, deriveKek, newSalt, type KdfParams } from './kdf.ts';
import { readKeyringFile, writeKeyringFile, type KeyringData, type KeyringEntry, type KeyringProtection } from './keyring-file.ts';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key.ts';

export interface KeyringOptions {
  /** The shell's OS binding (safeStorage); absent in tests and the CLI. */
  protection?: KeyringProtection;
  /** scrypt parameters for new and re-wrapped entries. */
  kdf?: KdfParams;
  lockout?: { attempts: number; minutes: number };
  now?: () => number;
}

export interface KeyringUserInput {
  userId: string;
  username: string;
  password: string;
}

export interface Unlocked {
  userId: string;
  username: string;
  /** The database key: hand it to the store and drop it; never persist it. */
  dbKey: Buffer;
}

/**
 * What another workstation needs to let a user in with the same password: the
 * user key's public half and the user key sealed under scrypt(password). It
 * holds no password and no unwrapped key, so it may travel in the (clinic-key
 * encrypted) change stream.
 */
export interface Credential {
  publicKey: string;
  kdf: KeyringEntry['kdf'];
  userKey: KeyringEntry['userKey'];
}

/** An account as the record store holds it, for bringing the keyring in line (`reconcile`). */
export interface KeyringAccount {
  userId: string;
  username: string;
  /** False for a disabled account: its entry keeps the credential but opens no database key. */
  active: boolean;
  credential: Credential | null;
  /** When the store's credential was set (the wall time of its change's clock). */
  credentialAt: number;
}

export interface KeyringUser {
  userId: string;
  username: string;
  lockedMinutes: number | null;
}

const DEFAULT_LOCKOUT = { attempts: 5, minutes: 15 };
const AAD = 'clinic-workstation/keyring/v1';
/** Stands in for an unknown user's salt so a wrong username costs the same scrypt as a wrong password. */
const DECOY_SALT = Buffer.alloc(16);

const nameKey = (username: string) => username.normalize('NFC').toLowerCase();
const aad = (...parts: unknown[]) => canonicalJson([AAD, ...parts]);
const macKey = (dbKey: Uint8Array) => deriveKey(dbKey, 'clinic-workstation/keyring/mac/v1');
const pendingKek = (dbKey: Uint8Array) => deriveKey(dbKey, 'clinic-workstation/keyring/pending/v1');
const retiredKek = (dbKey: Uint8Array) => deriveKey(dbKey, 'clinic-workstation/keyring/retired/v1');
/** The X25519 secret a recovery key stands for, with its keyring's salt. */
export const recoverySecret = (secret: Uint8Array, salt: string) =>
  deriveKey(Buffer.concat([secret, Buffer.from(salt, 'base64')]), 'clinic-workstation/keyring/recovery/v1');

/** Everything the MAC covers: the whole file except the failure counters and the MAC itself. */
function macInput(data: KeyringData): string {
  const { mac: _mac, entries, ...rest } = data;
  return canonicalJson({ ...rest, entries: entries.map(({ failures: _failures, ...entry }) => entry) });
}

function withMac(data: KeyringData, dbKey: Uint8Array): KeyringData {
  return { ...data, mac: mac(macKey(dbKey), macInput(data)) };
}

/**
 * The keys that open the record store, kept apart from it in `keyring.json`.
 *
 * - The database key is random and exists on disk only sealed: to each user's
 *   X25519 public key and to the recovery key's. Sealing to public keys lets a
 *   rotation re-seal for every user without knowing their passwords, and lets
 *   another workstation later share its key with a user the same way.
 * - Each user's 32-byte user key (the X25519 secret) is sealed under
 *   scrypt(password), bound by AES-GCM associated data to the user's id, name
 *   and KDF parameters. Changing a password re-seals only that; the database
 *   is not re-encrypted.
 * - An HMAC keyed from the database key covers the file, so an edited entry is
 *   refused once anyone signs in, except the failure counters, which must
 *   change while the database key is unknown.
 *
 * Operations run one at a time and each re-reads the file, so two windows (or
 * the CLI) signing in at once cannot lose each other's failure counts.
 */
export class Keyring {
  readonly path: string;
  readonly #options: KeyringOptions;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, options: KeyringOptions) {
    this.path = path;
    this.#options = options;
  }

  static async open(path: string, options: KeyringOptions = {}): Promise<Keyring> {
    const keyring = new Keyring(path, options);
    await keyring.#read();
    return keyring;
  }

  /** First run: a new database key, the first administrator's entry and the recovery key (show it once). */
  static async create(path: string, firstAdmin: KeyringUserInput, options: KeyringOptions = {}): Promise<{ keyring: Keyring; dbKey: Buffer; recoveryKey: string }> {
    if (existsSync(path)) throw new KeyringError('KEYRING_EXISTS');
    const keyring = new Keyring(path, options);
    const dbKey = randomKey();
    const dbKeyId = keyId(dbKey);
    const recovery = generateRecoveryKey();
    const salt = newSalt().toString('base64');
    const recoveryPublicKey = publicKeyOf(recoverySecret(recovery.secret, salt));
    const data: KeyringData = {
      format: 1,
      dbKeyId,
      entries: [await keyring.#newEntry(dbKeyId, dbKey, firstAdmin)],
      recovery: { salt, publicKey: recoveryPublicKey, dbKey: sealTo(recoveryPublicKey, dbKey, aad('recovery', dbKeyId)) },
      pending: null,
      retired: [],
      mac: '',
    };
    await keyring.#write(withMac(data, dbKey));
    return { keyring, dbKey, recoveryKey: recovery.text };
  }

  users(): Promise<KeyringUser[]> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      return data.entries.map((entry) => ({ userId: entry.userId, username: entry.username, lockedMinutes: this.#lockedMinutes(entry) }));
    });
  }

  /** Sign-in. Wrong password and unknown user fail alike; repeated failures lock the entry. */
  unlockWithPassword(username: string, password: string): Promise<Unlocked> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      const { entry, userKey } = await this.#checkPassword(data, username, password);
      // Only after the password checked: an unknown password learns nothing about the account.
      if (entry.dbKey === null) throw new KeyringError('ACCOUNT_DISABLED');
      const dbKey = this.#authenticate(data, openEntryDbKey(data, entry, userKey));
      if (entry.failures.count > 0 || entry.failures.lockedUntil !== null) {
        entry.failures = { count: 0, lockedUntil: null };
        await this.#write(data);
      }
      return { userId: entry.userId, username: entry.username, dbKey };
    });
  }

  /** The database key from the recovery key, e.g. to confirm the administrator wrote it down. */
  unlockWithRecoveryKey(recoveryKey: string): Promise<Buffer> {
    return this.#exclusive(async () => this.#recover(await this.#read(), recoveryKey));
  }

  /**
   * A new user key sealed under `password`, for an account the record store
   * creates (or resets) and replicates; `reconcile` then gives it an entry.
   */
  async newCredential(userId: string, username: string, password: string): Promise<Credential> {
    return this.#sealUserKey(userId, username, randomKey(), password);
  }

  /**
   * The user's own key sealed under a new password, after checking the old
   * one (failures count towards the lockout). Nothing is written: the record
   * store takes the credential first, then `reconcile` brings the entry in line.
   */
  rewrap(username: string, oldPassword: string, newPassword: string): Promise<{ userId: string; credential: Credential }> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      const { entry, userKey } = await this.#checkPassword(data, username, oldPassword);
      if (entry.failures.count > 0) {
        entry.failures = { count: 0, lockedUntil: null };
        await this.#write(data);
      }
      return { userId: entry.userId, credential: await this.#sealUserKey(entry.userId, entry.username, userKey, newPassword) };
    });
  }

  /** Every entry's credential, for accounts the record store does not hold one for yet (made before accounts replicated). */
  credentials(dbKey: Uint8Array): Promise<Map<string, Credential>> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, dbKey);
      return new Map(data.entries.map((entry) => [entry.userId, { publicKey: entry.publicKey, kdf: entry.kdf, userKey: entry.userKey }]));
    });
  }

  /**
   * Brings the entries in line with the record store's accounts (replicated
   * from every workstation): a new account gets an entry with this
   * workstation's database key sealed to its public key; a changed credential
   * (password changed or reset elsewhere) replaces the entry's; a disabled
   * account keeps its credential but no sealed database key. Accounts without
   * a credential, and entries the store does not know, are left alone. An
   * entry whose credential is newer than the store's (the store was restored
   * from an older backup) is left too, and named in `newer`: the store should
   * take it. Writes only if something changed.
   */
  reconcile(dbKey: Uint8Array, accounts: readonly KeyringAccount[]): Promise<{ changed: string[]; newer: string[] }> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, dbKey);
      const changed: string[] = [];
      const newer: string[] = [];
      // Entries losing their name (a username two desks took at once, settled by the store) go first, so the winner's entry fits in one pass.
      const renamed = (account: KeyringAccount) => data.entries.some((entry) => entry.userId === account.userId && entry.username !== account.username);
      for (const account of [...accounts].sort((x, y) => Number(renamed(y)) - Number(renamed(x)))) {
        const credential = account.credential;
        if (!credential) continue;
        const index = data.entries.findIndex((entry) => entry.userId === account.userId);
        const current = data.entries[index];
        const clash = data.entries.some((entry) => entry.userId !== account.userId && nameKey(entry.username) === nameKey(account.username));
        if (clash) continue;
        const sameCredential = current !== undefined && canonicalJson({ p: current.publicKey, k: current.kdf, u: current.userKey }) === canonicalJson({ p: credential.publicKey, k: credential.kdf, u: credential.userKey });
        if (current !== undefined && !sameCredential && (current.credentialAt ?? 0) > account.credentialAt) {
          newer.push(account.userId);
          continue;
        }
        const keepSeal = current !== undefined && current.dbKey !== null && current.publicKey === credential.publicKey && current.username === account.username;
        const next: KeyringEntry = {
          userId: account.userId,
          username: account.username,
          kdf: credential.kdf,
          publicKey: credential.publicKey,
          userKey: credential.userKey,
          dbKey: !account.active ? null : keepSeal ? current.dbKey : sealTo(credential.publicKey, dbKey, aad('db-key', account.userId, nameKey(account.username), data.dbKeyId)),
          credentialAt: account.credentialAt,
          failures: sameCredential ? current.failures : { count: 0, lockedUntil: null },
        };
        if (current !== undefined && canonicalJson(current) === canonicalJson(next)) continue;
        if (index < 0) data.entries.push(next);
        else data.entries[index] = next;
        changed.push(account.userId);
      }
      if (changed.length > 0) await this.#write(withMac(data, dbKey));
      return { changed, newer };
    });
  }

  /** Where an enrolment file opened by this workstation's recovery key is sealed to (sync/enrolment.ts). */
  recoveryRecipient(): Promise<{ salt: string; publicKey: string }> {
    return this.#exclusive(async () => {
      const { salt, publicKey } = (await this.#read()).recovery;
      return { salt, publicKey };
    });
  }

  /** The recovery key resets a password, e.g. when the only administrator forgot theirs. */
  resetPasswordWithRecoveryKey(recoveryKey: string, username: string, newPassword: string): Promise<Unlocked> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      const dbKey = this.#recover(data, recoveryKey);
      const entry = data.entries.find((candidate) => nameKey(candidate.username) === nameKey(username));
      if (!entry) throw new KeyringError('UNKNOWN_USER');
      await this.#replaceEntry(data, dbKey, entry.userId, newPassword);
      await this.#write(withMac(data, dbKey));
      return { userId: entry.userId, username: entry.username, dbKey };
    });
  }

  /**
   * Step 1 of a key rotation (keys/rotation.ts): records the next key, sealed
   * under the current one, before the database is re-encrypted, so a crash
   * after the rekey can still find it.
   */
  beginRotation(dbKey: Uint8Array): Promise<Buffer> {
    const next = randomKey();
    return this.#mutate(dbKey, (data) => {
      if (data.pending) throw new KeyringError('ROTATION_PENDING');
      const nextId = keyId(next);
      data.pending = { dbKeyId: nextId, key: seal(pendingKek(dbKey), next, aad('pending', nextId, data.dbKeyId)) };
    }).then(() => next);
  }

  /** The next key of an interrupted rotation, or null. */
  pendingRotation(dbKey: Uint8Array): Promise<Buffer | null> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, dbKey);
      return data.pending ? openPending(data, dbKey) : null;
    });
  }

  /**
   * Step 3, after the database is re-encrypted: seals the new key for every
   * user and the recovery key, and keeps the old one (under the new) for
   * backups made before the rotation.
   */
  completeRotation(oldKey: Uint8Array, newKey: Uint8Array): Promise<void> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, oldKey);
      const pending = data.pending ? openPending(data, oldKey) : null;
      if (!pending?.equals(newKey)) throw new KeyringError('NO_ROTATION');
      const oldId = data.dbKeyId;
      const newId = keyId(newKey);
      const retired = [{ dbKeyId: oldId, key: Buffer.from(oldKey) }, ...data.retired.map((entry) => ({ dbKeyId: entry.dbKeyId, key: openRetired(data, oldKey, entry) }))];
      const next: KeyringData = {
        ...data,
        dbKeyId: newId,
        entries: data.entries.map((entry) => ({ ...entry, dbKey: entry.dbKey && sealTo(entry.publicKey, newKey, aad('db-key', entry.userId, nameKey(entry.username), newId)) })),
        recovery: { ...data.recovery, dbKey: sealTo(data.recovery.publicKey, newKey, aad('recovery', newId)) },
        pending: null,
        retired: retired.map(({ dbKeyId, key }) => ({ dbKeyId, key: seal(retiredKek(newKey), key, aad('retired', dbKeyId, newId)) })),
      };
      await this.#write(withMac(next, newKey));
    });
  }

  /** Drops a rotation whose rekey never happened (the database still opens with the current key). */
  abandonRotation(dbKey: Uint8Array): Promise<void> {
    return this.#mutate(dbKey, (data) => {
      data.pending = null;
    });
  }

  /** A database key retired by a rotation, by its id (as recorded in a backup), or null. */
  retiredKey(dbKey: Uint8Array, id: string): Promise<Buffer | null> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, dbKey);
      const entry = data.retired.find((candidate) => candidate.dbKeyId === id);
      return entry ? openRetired(data, dbKey, entry) : null;
    });
  }

  async #checkPassword(data: KeyringData, username: string, password: string): Promise<{ entry: KeyringEntry; userKey: Buffer }> {
    const entry = data.entries.find((candidate) => nameKey(candidate.username) === nameKey(username));
    if (!entry) {
      await deriveKek(password, DECOY_SALT, this.#kdf);
      throw new KeyringError('WRONG_CREDENTIALS');
    }
    const locked = this.#lockedMinutes(entry);
    if (locked !== null) throw new KeyringError('LOCKED_OUT', { minutesRemaining: locked });
    const kek = await deriveKek(password, Buffer.from(entry.kdf.salt, 'base64'), entry.kdf);
    const userKey = unseal(kek, entry.userKey, userKeyAad(entry.userId, entry.username, entry.kdf, entry.publicKey));
    if (userKey) return { entry, userKey };

    const lockout = this.#options.lockout ?? DEFAULT_LOCKOUT;
    const count = entry.failures.count + 1;
    entry.failures = count >= lockout.attempts ? { count: 0, lockedUntil: this.#now() + lockout.minutes * 60_000 } : { count, lockedUntil: null };
    await this.#write(data);
    if (entry.failures.lockedUntil !== null) throw new KeyringError('LOCKED_OUT', { minutesRemaining: lockout.minutes });
    throw new KeyringError('WRONG_CREDENTIALS');
  }

  #recover(data: KeyringData, recoveryKey: string): Buffer {
    const secret = recoverySecret(parseRecoveryKey(recoveryKey), data.recovery.salt);
    if (publicKeyOf(secret) !== data.recovery.publicKey) throw new KeyringError('WRONG_RECOVERY_KEY');
    const dbKey = unsealWith(secret, data.recovery.dbKey, aad('recovery', data.dbKeyId));
    if (!dbKey) throw new KeyringError('KEYRING_TAMPERED');
    return this.#authenticate(data, dbKey);
  }

  /** Checks the caller's database key belongs to this keyring and the file is as the app last wrote it. */
  #authenticate(data: KeyringData, dbKey: Uint8Array | null): Buffer {
    if (!dbKey) throw new KeyringError('KEYRING_TAMPERED');
    if (keyId(dbKey) !== data.dbKeyId) throw new KeyringError('WRONG_KEY');
    if (!macMatches(macKey(dbKey), macInput(data), data.mac)) throw new KeyringError('KEYRING_TAMPERED');
    return Buffer.from(dbKey);
  }

  async #newEntry(dbKeyId: string, dbKey: Uint8Array, user: KeyringUserInput): Promise<KeyringEntry> {
    const userKey = randomKey();
    const sealed = await this.#sealUserKey(user.userId, user.username, userKey, user.password);
    return {
      userId: user.userId,
      username: user.username,
      ...sealed,
      dbKey: sealTo(sealed.publicKey, dbKey, aad('db-key', user.userId, nameKey(user.username), dbKeyId)),
      // Newer than the store's until the store takes it (first run, a reset with the recovery key).
      credentialAt: this.#now(),
      failures: { count: 0, lockedUntil: null },
    };
  }

  async #sealUserKey(userId: string, username: string, userKey: Buffer, password: string): Promise<Pick<KeyringEntry, 'kdf' | 'publicKey' | 'userKey'>> {
    const params = this.#kdf;
    const kdf = { alg: 'scrypt' as const, ...params, salt: newSalt().toString('base64') };
    const publicKey = publicKeyOf(userKey);
    const kek = await deriveKek(password, Buffer.from(kdf.salt, 'base64'), params);
    return { kdf, publicKey, userKey: seal(kek, userKey, userKeyAad(userId, username, kdf, publicKey)) };
  }

  async #replaceEntry(data: KeyringData, dbKey: Uint8Array, userId: string, newPassword: string): Promise<void> {
    const index = data.entries.findIndex((entry) => entry.userId === userId);
    const entry = data.entries[index];
    if (!entry) throw new KeyringError('UNKNOWN_USER');
    data.entries[index] = await this.#newEntry(data.dbKeyId, dbKey, { userId, username: entry.username, password: newPassword });
  }

  #lockedMinutes(entry: KeyringEntry): number | null {
    const until = entry.failures.lockedUntil;
    const now = this.#now();
    return until !== null && until > now ? Math.ceil((until - now) / 60_000) : null;
  }

  /** Read, authenticate with the caller's database key, change, re-MAC, write. */
  #mutate(dbKey: Uint8Array, change: (data: KeyringData) => void | Promise<void>): Promise<void> {
    return this.#exclusive(async () => {
      const data = await this.#read();
      this.#authenticate(data, dbKey);
      await change(data);
      await this.#write(withMac(data, dbKey));
    });
  }

  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => {});
    return result;
  }

  #read(): Promise<KeyringData> {
    return readKeyringFile(this.path, this.#options.protection);
  }

  #write(data: KeyringData): Promise<void> {
    return writeKeyringFile(this.path, data, this.#options.protection);
  }

  get #kdf(): KdfParams {
    return this.#options.kdf ?? DEFAULT_KDF;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function userKeyAad(userId: string, username: string, kdf: KeyringEntry['kdf'], publicKey: string): string {
  return aad('user-key', userId, nameKey(username), kdf, publicKey);
}

function openEntryDbKey(data: KeyringData, entry: KeyringEntry, userKey: Buffer): Buffer | null {
  if (publicKeyOf(userKey) !== entry.publicKey || entry.dbKey === null) return null;
  return unsealWith(userKey, entry.dbKey, aad('db-key', entry.userId, nameKey(entry.username), data.dbKeyId));
}

function openPending(data: KeyringData, dbKey: Uint8Array): Buffer {
  const pending = data.pending!;
  const key = unseal(pendingKek(dbKey), pending.key, aad('pending', pending.dbKeyId, data.dbKeyId));
  if (!key || keyId(key) !== pending.dbKeyId) throw new KeyringError('KEYRING_TAMPERED');
  return key;
}

function openRetired(data: KeyringData, dbKey: Uint8Array, entry: KeyringData['retired'][number]): Buffer {
  const key = unseal(retiredKek(dbKey), entry.key, aad('retired', entry.dbKeyId, data.dbKeyId));
  if (!key || keyId(key) !== entry.dbKeyId) throw new KeyringError('KEYRING_TAMPERED');
  return key;
}
