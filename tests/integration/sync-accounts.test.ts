import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../main/keys/canonical-json.ts';
import { unseal } from '../../main/keys/crypto.ts';
import { deriveKek } from '../../main/keys/kdf.ts';
import type { Credential } from '../../main/keys/keyring.ts';
import { decodeBatch } from '../../main/sync/batch.ts';
import { ADMIN, testClinic, type TestClinic } from '../unit/helpers/clinic.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from './support/s3rver.ts';

/**
 * Staff accounts replicate through the bucket: a user signs in on every
 * workstation with one password, and password changes and disabled accounts
 * follow — while the cloud never sees a password, a username or an unwrapped
 * key. Three real workstations (the app's services) over a real s3rver.
 */

let s3: LocalS3;
const clinics: TestClinic[] = [];
const PASSPHRASE = 'purple elephant stairs';
const FIRST_PASSWORD = 'wang first password';
const SECOND_PASSWORD = 'wang second password';
const RESET_PASSWORD = 'wang reset by admin';

beforeAll(async () => {
  s3 = await startS3rver();
});

afterAll(async () => {
  for (const clinic of clinics) await clinic.cleanup();
  await s3?.close();
});

/** A workstation set up with its own first administrator, signed in on connection 'admin'; with its recovery key. */
async function workstation(adminName: string): Promise<TestClinic & { recoveryKey: string }> {
  const clinic = await testClinic({ setUp: false });
  clinics.push(clinic);
  const { recoveryKey } = await clinic.ok('setup', 'setup.initialize', { clinicName: ADMIN.clinicName, username: adminName, displayName: `Admin ${adminName}`, password: ADMIN.password });
  await clinic.ok('admin', 'session.login', { username: adminName, password: ADMIN.password });
  return Object.assign(clinic, { recoveryKey });
}

/**
 * One round through the worker thread. Accounts it changed reach the keyring
 * through the worker's 'accountsChanged' event; a sign-in waits for that.
 */
async function sync(clinic: TestClinic): Promise<void> {
  const reports = await clinic.services.sync.syncOnce();
  expect(reports.map((report) => report.error)).toEqual(reports.map(() => null));
}

const sessionState = async (clinic: TestClinic, connection: string) => (await clinic.ok(connection, 'session.get', {})).state;

const login = (clinic: TestClinic, connection: string, username: string, password: string) => clinic.call(connection, 'session.login', { username, password });

describe('staff accounts across workstations', () => {
  let a: TestClinic & { recoveryKey: string };
  let b: TestClinic & { recoveryKey: string };
  let c: TestClinic;
  let wangId: string;
  let credentials: Credential[] = [];

  it('a user created on one workstation signs in on the others with the same password', async () => {
    a = await workstation('admin.a');
    await a.ok('admin', 'sync.targets.save', {
      name: 'Clinic bucket',
      config: { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'accounts/', forcePathStyle: true },
      credentials: S3RVER_CREDENTIALS,
    });
    const { file } = await a.ok('admin', 'sync.enrolment.create', { passphrase: PASSPHRASE });
    b = await workstation('admin.b');
    expect(await b.call('admin', 'sync.enrolment.join', { file, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await b.ok('admin', 'sync.enrolment.join', { file, passphrase: PASSPHRASE });
    // C joins with a file sealed to A's recovery key: no passphrase to agree on; B's recovery key does not open it.
    c = await workstation('admin.c');
    const { file: forRecoveryKey } = await a.ok('admin', 'sync.enrolment.create', { sealTo: 'recoveryKey' });
    expect(forRecoveryKey).not.toContain(S3RVER_CREDENTIALS.secretAccessKey);
    expect(await c.call('admin', 'sync.enrolment.join', { file: forRecoveryKey, recoveryKey: b.recoveryKey })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'recoveryKey' }] },
    });
    expect(await c.call('admin', 'sync.enrolment.join', { file: forRecoveryKey, passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await c.ok('admin', 'sync.enrolment.join', { file: forRecoveryKey, recoveryKey: a.recoveryKey.toLowerCase() })).toEqual({ clinicName: ADMIN.clinicName, targets: 1 });

    const wang = await a.ok('admin', 'accounts.create', { username: 'dr.wang', displayName: 'Dr Wang', role: 'physician', password: FIRST_PASSWORD });
    wangId = wang.id;
    await sync(a);
    await sync(b);
    await sync(c);

    const signedIn = await b.ok('wang', 'session.login', { username: 'dr.wang', password: FIRST_PASSWORD });
    expect(signedIn.user).toMatchObject({ id: wangId, role: 'physician', displayName: 'Dr Wang' });
    expect(await login(c, 'wang', 'dr.wang', 'not the password')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Accounts made before replication (each first administrator) replicate too: A's administrator signs in on B.
    expect(await login(b, 'admin.a', 'admin.a', ADMIN.password)).toMatchObject({ ok: true, value: { user: { role: 'admin' } } });
    const listed = await c.ok('admin', 'accounts.list', {});
    expect(listed.map((account) => account.username).sort()).toEqual(['admin.a', 'admin.b', 'admin.c', 'dr.wang']);
  }, 120_000);

  it('a password changed on one workstation replaces the old one on the others', async () => {
    await b.ok('wang', 'session.changePassword', { currentPassword: FIRST_PASSWORD, newPassword: SECOND_PASSWORD });
    // The session that changed it carries on.
    expect((await b.ok('wang', 'session.get', {})).state).toBe('active');
    await sync(b);
    await sync(a);
    expect(await login(a, 'wang', 'dr.wang', FIRST_PASSWORD)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login(a, 'wang', 'dr.wang', SECOND_PASSWORD)).toMatchObject({ ok: true, value: { state: 'active' } });
    await sync(c);
    expect(await login(c, 'wang', 'dr.wang', SECOND_PASSWORD)).toMatchObject({ ok: true });
    await c.ok('wang', 'session.logout', {});
  }, 120_000);

  it('an administrator reset elsewhere signs the user out and takes the new password', async () => {
    await c.ok('admin', 'accounts.resetPassword', { userId: wangId, newPassword: RESET_PASSWORD });
    await sync(c);
    await sync(a);
    // A new user key: A's session of the user ends, and only the new password opens A's database key.
    await expect.poll(() => sessionState(a, 'wang')).toBe('signedOut');
    expect(await login(a, 'wang', 'dr.wang', SECOND_PASSWORD)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login(a, 'wang', 'dr.wang', RESET_PASSWORD)).toMatchObject({ ok: true });
  }, 120_000);

  it('an account disabled on one workstation ends its sessions and is refused on the others', async () => {
    await sync(b);
    await b.ok('wang', 'session.login', { username: 'dr.wang', password: RESET_PASSWORD });
    await a.ok('admin', 'accounts.update', { userId: wangId, disabled: true });
    expect((await a.ok('wang', 'session.get', {})).state).toBe('signedOut');
    await sync(a);
    await sync(b);
    await expect.poll(() => sessionState(b, 'wang')).toBe('signedOut');
    expect(await login(b, 'wang', 'dr.wang', RESET_PASSWORD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Disabled in B's keyring too: the password no longer opens the database key.
    const keyring = JSON.parse(await readFile(b.services.paths.keyring, 'utf8')) as { entries: { userId: string; dbKey: unknown }[] };
    expect(keyring.entries.find((entry) => entry.userId === wangId)?.dbKey).toBeNull();

    await a.ok('admin', 'accounts.update', { userId: wangId, disabled: false });
    await sync(a);
    await sync(b);
    expect(await login(b, 'wang', 'dr.wang', RESET_PASSWORD)).toMatchObject({ ok: true });
    credentials = (await b.services.vault.store.methods.users.keyringAccounts()).flatMap((account) => (account.credential ? [account.credential] : []));
  }, 120_000);

  it('keeps one administrator when desks apart disable all of them between them', async () => {
    // Each desk leaves an administrator active by its own count, as the local rule demands; together they leave none.
    await b.ok('admin', 'accounts.update', { userId: await userId(b, 'admin.a'), disabled: true });
    await b.ok('admin', 'accounts.update', { userId: await userId(b, 'admin.c'), disabled: true });
    await c.ok('admin', 'accounts.update', { userId: await userId(c, 'admin.b'), disabled: true });
    await sync(b);
    await sync(c);
    await sync(b);
    await sync(a);
    const everywhere = await Promise.all(
      [a, b, c].map(async (clinic) => (await clinic.services.vault.store.methods.users.list()).map(({ username, role, disabled }) => ({ username, role, disabled }))),
    );
    expect(everywhere[1]).toEqual(everywhere[0]);
    expect(everywhere[2]).toEqual(everywhere[0]);
    const active = everywhere[0]!.filter((account) => account.role === 'admin' && !account.disabled);
    expect(active).toHaveLength(1);
    // The administrator kept (the one retired last, by the changes' clocks) signs in as one everywhere; the others are refused.
    for (const clinic of [a, b, c]) {
      expect(await login(clinic, 'keeper', active[0]!.username, ADMIN.password)).toMatchObject({ ok: true, value: { user: { role: 'admin' } } });
      const retired = everywhere[0]!.find((account) => account.role === 'admin' && account.disabled)!;
      expect(await login(clinic, 'retired', retired.username, ADMIN.password)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  }, 120_000);

  it('a revoked workstation stops syncing, and the others apply only what it uploaded before the revocation', async () => {
    const cId = c.services.vault.meta!.workstationId;
    // Uploaded before the revocation, and not yet fetched by B when it learns of it: B still applies it.
    await c.ok('keeper', 'accounts.create', { username: 'early.user', displayName: 'Early', role: 'nurse', password: FIRST_PASSWORD });
    await sync(c);
    // The cut-off is the storage service's Last-Modified, in whole seconds: the revocation comes in a later second,
    // by A's clock (the test's clock, brought to the real time the service stamps objects with).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    a.clock.advance(Date.now() - a.clock.now());
    await a.ok('keeper', 'sync.workstations.revoke', { id: cId });
    await sync(a);
    await sync(b);
    expect((await b.ok('keeper', 'sync.status', {})).workstations.find((workstation) => workstation.id === cId)?.revokedAt).toEqual(expect.any(Number));
    // C has not heard yet: its next change still goes up in the round that tells it.
    await c.ok('keeper', 'accounts.create', { username: 'late.user', displayName: 'Late', role: 'nurse', password: FIRST_PASSWORD });
    const [told] = await c.services.sync.syncOnce();
    expect(told).toMatchObject({ error: null, pushed: { changes: expect.any(Number) } });
    const [refused] = await c.services.sync.syncOnce();
    expect(refused!.error).toMatchObject({ code: 'Revoked', permanent: true });
    await sync(b);
    await sync(a);
    for (const desk of [a, b]) {
      const usernames = (await desk.services.vault.store.methods.users.list()).map((user) => user.username);
      expect(usernames).toContain('early.user');
      expect(usernames).not.toContain('late.user');
    }
    // Revoking again does not move the cut-off.
    const first = (await a.ok('keeper', 'sync.status', {})).workstations.find((workstation) => workstation.id === cId)?.revokedAt;
    expect(await a.call('keeper', 'sync.workstations.revoke', { id: cId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await a.ok('keeper', 'sync.status', {})).workstations.find((workstation) => workstation.id === cId)?.revokedAt).toBe(first);
  }, 120_000);

  it('audits sync administration, refused attempts too', async () => {
    const actions = async (clinic: TestClinic, action: 'sync.target.save' | 'sync.enrolment.create' | 'sync.enrolment.join' | 'sync.workstation.revoke') =>
      (await clinic.ok('keeper', 'audit.query', { action, limit: 100, offset: 0 })).entries;
    expect(await actions(a, 'sync.target.save')).toEqual([expect.objectContaining({ username: 'admin.a', outcome: 'success', detail: 'added, new credentials' })]);
    expect((await actions(a, 'sync.enrolment.create')).map((entry) => entry.detail).sort()).toEqual(['sealed to the recovery key', 'sealed under a passphrase']);
    // The second revocation of the same workstation was refused.
    expect(await actions(a, 'sync.workstation.revoke')).toEqual([
      expect.objectContaining({ outcome: 'failure' }),
      expect.objectContaining({ entityId: c.services.vault.meta!.workstationId, outcome: 'success' }),
    ]);
    expect((await actions(b, 'sync.enrolment.join')).map((entry) => entry.outcome).sort()).toEqual(['failure', 'success']);
    const joined = JSON.stringify(await actions(c, 'sync.enrolment.join'));
    for (const secret of [PASSPHRASE, a.recoveryKey, b.recoveryKey]) expect(joined).not.toContain(secret);
  }, 60_000);

  it('the bucket holds no password, no username and no unwrapped key', async () => {
    const files = (await readdir(s3.directory, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    const raw = await Promise.all(files.map((file) => readFile(file)));
    const passwords = [ADMIN.password, FIRST_PASSWORD, SECOND_PASSWORD, RESET_PASSWORD];
    for (const bytes of raw) for (const text of [...passwords, 'dr.wang', 'admin.a', 'Dr Wang']) expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);

    // Decrypted with the clinic key, the change stream carries credentials, but no password, private user key or database key.
    const clinicKey = (await a.services.vault.store.methods.sync.enrolmentPayload(Date.now()))!.clinicKey;
    const decoded: string[] = [];
    for (const [index, file] of files.entries()) {
      const match = /changes[/\\]([^/\\]+)[/\\](\d{12})(?:\._S3rver_object)?$/.exec(file);
      if (match) decoded.push(JSON.stringify(decodeBatch(clinicKey, match[1]!, Number(match[2]), raw[index]!)));
    }
    const stream = decoded.join('\n');
    expect(stream).toContain('"entity":"user"');
    const privateKeys = await Promise.all(credentials.map((credential) => openCredential(credential, wangId, 'dr.wang', RESET_PASSWORD)));
    const wangKey = privateKeys.find((key) => key !== null);
    expect(wangKey, 'the replicated credential opens with the password').toBeTruthy();
    const secrets = [wangKey!, ...[a, b, c].map((clinic) => clinic.services.vault.dbKey)];
    for (const secret of secrets) {
      for (const encoding of ['base64', 'hex', 'base64url'] as const) expect(stream.includes(secret.toString(encoding))).toBe(false);
      for (const bytes of raw) expect(bytes.includes(secret)).toBe(false);
    }
    for (const password of passwords) expect(stream.includes(password)).toBe(false);
  });
});

async function userId(clinic: TestClinic, username: string): Promise<string> {
  return (await clinic.services.vault.store.methods.users.list()).find((user) => user.username === username)!.id;
}

/** The user key inside a credential, opened with the password the way the keyring does (keys/keyring.ts). */
async function openCredential(credential: Credential, id: string, username: string, password: string): Promise<Buffer | null> {
  const kek = await deriveKek(password, Buffer.from(credential.kdf.salt, 'base64'), credential.kdf);
  const aad = canonicalJson(['clinic-workstation/keyring/v1', 'user-key', id, username, credential.kdf, credential.publicKey]);
  return unseal(kek, credential.userKey, aad);
}
