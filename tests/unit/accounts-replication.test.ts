import type Database from '@signalapp/sqlcipher';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userQueries } from '../../main/accounts/queries.node.ts';
import { accountRevision } from '../../main/accounts/replication.node.ts';
import { KeyringError } from '../../main/keys/errors.ts';
import { Keyring, type Credential, type KeyringAccount } from '../../main/keys/keyring.ts';
import type { KeyringData } from '../../main/keys/keyring-file.ts';
import { applyBatch, nextObject } from '../../main/sync/apply.node.ts';
import type { Batch, WireChange } from '../../main/sync/batch.ts';
import { materialize } from '../../main/sync/materialize.node.ts';
import { saveTarget } from '../../main/sync/targets.node.ts';
import { writeTransaction } from '../../main/store/write-transaction.node.ts';
import { FAST_KEYRING } from '../store/fixtures.ts';
import { useTempDir } from '../store/helpers.ts';
import { ADMIN as CLINIC_ADMIN, testClinic } from './helpers/clinic.ts';
import { audit, openStore } from './sync/helpers.ts';

const tempDir = useTempDir();

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeyringError);
  return (error as KeyringError).code;
}

describe('keyring reconciliation with replicated accounts', () => {
  const ADMIN = { userId: randomUUID(), username: 'admin', password: 'correct horse battery' };
  const NURSE_ID = randomUUID();

  async function twoWorkstations() {
    const here = await Keyring.create(join(tempDir(), 'keyring.json'), ADMIN, FAST_KEYRING);
    const there = await Keyring.create(join(tempDir(), 'keyring.json'), { ...ADMIN, userId: randomUUID(), username: 'admin.there' }, FAST_KEYRING);
    return { here, there };
  }

  const nurse = (credential: Credential, active = true, credentialAt = Date.now()): KeyringAccount => ({ userId: NURSE_ID, username: 'nurse.li', active, credential, credentialAt });

  it('lets a user made elsewhere open this database key with the same password', async () => {
    const { here, there } = await twoWorkstations();
    const credential = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password one');
    const at = Date.now();
    expect(await here.keyring.reconcile(here.dbKey, [nurse(credential, true, at)])).toEqual({ changed: [NURSE_ID], newer: [] });
    expect((await here.keyring.unlockWithPassword('Nurse.Li', 'nurse password one')).dbKey.equals(here.dbKey)).toBe(true);
    expect(await failure(here.keyring.unlockWithPassword('nurse.li', 'nurse password two'))).toBe('WRONG_CREDENTIALS');
    // Nothing new: nothing written.
    const before = readFileSync(here.keyring.path, 'utf8');
    expect(await here.keyring.reconcile(here.dbKey, [nurse(credential, true, at)])).toEqual({ changed: [], newer: [] });
    expect(readFileSync(here.keyring.path, 'utf8')).toBe(before);
  });

  it('follows a password changed elsewhere, and a reset with a new user key', async () => {
    const { here, there } = await twoWorkstations();
    const first = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password one');
    await there.keyring.reconcile(there.dbKey, [nurse(first)]);
    await here.keyring.reconcile(here.dbKey, [nurse(first)]);

    const changed = await there.keyring.rewrap('nurse.li', 'nurse password one', 'nurse password two');
    expect(changed).toMatchObject({ userId: NURSE_ID, credential: { publicKey: first.publicKey } });
    // Checking the old password wrote nothing there: the store takes the credential first.
    expect((await there.keyring.unlockWithPassword('nurse.li', 'nurse password one')).userId).toBe(NURSE_ID);
    await here.keyring.reconcile(here.dbKey, [nurse(changed.credential)]);
    expect(await failure(here.keyring.unlockWithPassword('nurse.li', 'nurse password one'))).toBe('WRONG_CREDENTIALS');
    expect((await here.keyring.unlockWithPassword('nurse.li', 'nurse password two')).dbKey.equals(here.dbKey)).toBe(true);

    const reset = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password three');
    expect(reset.publicKey).not.toBe(first.publicKey);
    await here.keyring.reconcile(here.dbKey, [nurse(reset)]);
    expect(await failure(here.keyring.unlockWithPassword('nurse.li', 'nurse password two'))).toBe('WRONG_CREDENTIALS');
    expect((await here.keyring.unlockWithPassword('nurse.li', 'nurse password three')).dbKey.equals(here.dbKey)).toBe(true);
  });

  it('keeps a disabled account’s password checkable but opening nothing, and re-seals on re-enabling', async () => {
    const { here, there } = await twoWorkstations();
    const credential = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password one');
    await here.keyring.reconcile(here.dbKey, [nurse(credential)]);
    await here.keyring.reconcile(here.dbKey, [nurse(credential, false)]);
    const stored = JSON.parse(readFileSync(here.keyring.path, 'utf8')) as KeyringData;
    expect(stored.entries.find((entry) => entry.userId === NURSE_ID)?.dbKey).toBeNull();
    expect(await failure(here.keyring.unlockWithPassword('nurse.li', 'nurse password one'))).toBe('ACCOUNT_DISABLED');
    // A wrong password learns nothing, and still counts towards the lockout.
    expect(await failure(here.keyring.unlockWithPassword('nurse.li', 'not the password'))).toBe('WRONG_CREDENTIALS');
    expect((await here.keyring.users()).find((user) => user.userId === NURSE_ID)).toMatchObject({ lockedMinutes: null });

    await here.keyring.reconcile(here.dbKey, [nurse(credential, true)]);
    expect((await here.keyring.unlockWithPassword('nurse.li', 'nurse password one')).dbKey.equals(here.dbKey)).toBe(true);
  });

  it('does not let a store restored from an older backup roll a newer password back', async () => {
    const { here, there } = await twoWorkstations();
    const old = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password one');
    const current = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password two');
    const at = Date.now();
    await here.keyring.reconcile(here.dbKey, [nurse(current, true, at)]);
    expect(await here.keyring.reconcile(here.dbKey, [nurse(old, true, at - 60_000)])).toEqual({ changed: [], newer: [NURSE_ID] });
    expect((await here.keyring.unlockWithPassword('nurse.li', 'nurse password two')).userId).toBe(NURSE_ID);
    // A later credential from the store (a change made after the keyring's) still wins.
    await here.keyring.reconcile(here.dbKey, [nurse(old, true, at + 60_000)]);
    expect((await here.keyring.unlockWithPassword('nurse.li', 'nurse password one')).userId).toBe(NURSE_ID);
  });

  it('keeps the file authenticated: an edited replicated entry is refused', async () => {
    const { here, there } = await twoWorkstations();
    const credential = await there.keyring.newCredential(NURSE_ID, 'nurse.li', 'nurse password one');
    await here.keyring.reconcile(here.dbKey, [nurse(credential, false)]);
    expect((await here.keyring.unlockWithPassword(ADMIN.username, ADMIN.password)).userId).toBe(ADMIN.userId);
    const data = JSON.parse(readFileSync(here.keyring.path, 'utf8')) as KeyringData;
    const entry = data.entries.find((candidate) => candidate.userId === NURSE_ID)!;
    // Re-enabling by hand: the nurse's entry gets the administrator's sealed key.
    entry.dbKey = data.entries.find((candidate) => candidate.userId === ADMIN.userId)!.dbKey;
    writeFileSync(here.keyring.path, JSON.stringify(data));
    expect(await failure(here.keyring.unlockWithPassword(ADMIN.username, ADMIN.password))).toBe('KEYRING_TAMPERED');
  });

  it('gives a username to one account only, and a renamed loser makes room for the winner', async () => {
    const { here, there } = await twoWorkstations();
    const winner = await there.keyring.newCredential(NURSE_ID, 'admin', 'winner password');
    // The store settled the clash: this workstation's own "admin" lost the name.
    const changed = await here.keyring.reconcile(here.dbKey, [
      { userId: NURSE_ID, username: 'admin', active: true, credential: winner, credentialAt: Date.now() },
      { userId: ADMIN.userId, username: 'admin#0A1B2C3D', active: true, credential: (await here.keyring.credentials(here.dbKey)).get(ADMIN.userId)!, credentialAt: Date.now() },
    ]);
    expect(changed.changed.sort()).toEqual([ADMIN.userId, NURSE_ID].sort());
    expect((await here.keyring.unlockWithPassword('admin', 'winner password')).userId).toBe(NURSE_ID);
    // The loser's key is bound to the name it was made under: it no longer opens under the new one.
    expect(await failure(here.keyring.unlockWithPassword('admin#0A1B2C3D', ADMIN.password))).toBe('WRONG_CREDENTIALS');
  });
});

describe('replicated accounts in the record store', () => {
  let dir: string;
  let x: Database;
  let y: Database;
  let z: Database;
  /** What each store has shipped to each other store, by outbox sequence. */
  const sent = new Map<Database, Map<Database, number>>();

  beforeEach(() => {
    dir = tempDir();
    x = openStore(join(dir, 'x.db'), 'ws-x');
    y = openStore(join(dir, 'y.db'), 'ws-y');
    z = openStore(join(dir, 'z.db'), 'ws-z');
    const config = { endpoint: null, region: 'us-east-1', bucket: 'b', prefix: '', forcePathStyle: true };
    for (const db of [x, y, z]) db.transaction(() => saveTarget(db, { id: 't', name: 'T', config, credentials: null }, 1))();
    sent.clear();
  });

  afterEach(() => {
    x.close();
    y.close();
    z.close();
  });

  const credential = (tag: string): Credential => ({
    publicKey: Buffer.alloc(32, tag).toString('base64'),
    kdf: { alg: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: Buffer.alloc(16, tag).toString('base64') },
    userKey: { iv: Buffer.alloc(12).toString('base64'), data: Buffer.alloc(32, tag).toString('base64'), tag: Buffer.alloc(16).toString('base64') },
  });

  /** Ships `from`'s outbox changes not sent yet to `to`, as one object. */
  function ship(from: Database, workstation: string, to: Database): void {
    const shipped = sent.get(from) ?? new Map<Database, number>();
    sent.set(from, shipped);
    const seq = shipped.get(to) ?? 0;
    const rows = from
      .prepare('SELECT seq, hlc, entity, entity_id, op, fields FROM outbox WHERE seq > ? ORDER BY seq')
      .all<{ seq: number; hlc: string; entity: string; entity_id: string; op: WireChange['op']; fields: string }>([seq]);
    if (rows.length === 0) return;
    shipped.set(to, rows.at(-1)!.seq);
    const batch: Batch = {
      version: 1,
      workstation,
      object: nextObject(to, 't', workstation),
      changes: rows.map((row) => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> })),
    };
    expect(applyBatch(to, 't', batch, Date.now()).applied).toBe(true);
  }

  const users = (db: Database) => db.prepare('SELECT id, username, display_name, role, disabled FROM users ORDER BY id').all();
  const create = (db: Database, id: string, username: string, role: 'admin' | 'nurse', at: number) =>
    writeTransaction(db, () => userQueries.create(db, { id, username, displayName: username, role }, credential(id.slice(-1)), audit('account.create', at)));
  const disable = (db: Database, id: string, at: number) => writeTransaction(db, () => userQueries.update(db, id, { disabled: true }, audit('account.update', at)));

  it('writes accounts and credentials from another workstation, and tells main', () => {
    const at = Date.now();
    create(x, 'user-1', 'nurse.li', 'nurse', at);
    const revision = accountRevision(y);
    ship(x, 'ws-x', y);
    expect(users(y)).toEqual(users(x));
    expect(y.prepare('SELECT credential FROM user_credentials WHERE user_id = ?', { pluck: true }).get(['user-1'])).toBe(JSON.stringify(credential('1')));
    expect(accountRevision(y)).toBe(revision + 1);
    // A disabled account and a changed credential arrive too.
    disable(x, 'user-1', at + 1);
    writeTransaction(x, () => userQueries.setCredential(x, 'user-1', credential('9'), audit('password.change', at + 2)));
    ship(x, 'ws-x', y);
    expect(users(y)).toEqual(users(x));
    expect(y.prepare('SELECT credential FROM user_credentials WHERE user_id = ?', { pluck: true }).get(['user-1'])).toBe(JSON.stringify(credential('9')));
    expect(accountRevision(y)).toBe(revision + 2);
  });

  it('settles a username taken on two desks at once the same way on both', () => {
    const at = Date.now();
    create(x, 'user-1', 'dr.chen', 'nurse', at);
    create(y, 'user-2', 'Dr.Chen', 'nurse', at);
    ship(x, 'ws-x', y);
    ship(y, 'ws-y', x);
    expect(users(x)).toEqual(users(y));
    expect((users(x) as { id: string; username: string }[]).map((row) => row.username)).toEqual(['dr.chen', 'Dr.Chen#USER2']);
  });

  it('keeps the administrator retired last when desks apart retire all of them, whatever the order', () => {
    const at = Date.now();
    for (const [index, id] of ['admin-1', 'admin-2', 'admin-3'].entries()) create(x, id, `admin${index + 1}`, 'admin', at + index);
    ship(x, 'ws-x', y);
    // Each desk keeps an administrator by its own count.
    disable(x, 'admin-1', at + 1000);
    disable(y, 'admin-2', at + 2000);
    disable(y, 'admin-3', at + 3000);
    ship(y, 'ws-y', x);
    ship(x, 'ws-x', y);
    // A third desk hears them the other way round: Y's disables before the accounts they apply to.
    ship(y, 'ws-y', z);
    ship(x, 'ws-x', z);
    expect(users(x)).toEqual(users(y));
    expect(users(z)).toEqual(users(x));
    const active = (users(x) as { id: string; role: string; disabled: number }[]).filter((row) => row.role === 'admin' && row.disabled === 0);
    expect(active.map((row) => row.id)).toEqual(['admin-3']);
    // Re-enabling another administrator ends the exception: admin-3 is disabled as its desk decided.
    writeTransaction(x, () => userQueries.update(x, 'admin-1', { disabled: false }, audit('account.update', at + 4000)));
    // As the push checkpoint does (push.node.ts): the rows of what went up are rewritten from state.
    writeTransaction(x, () => materialize(x, [{ entity: 'user', id: 'admin-1' }]));
    ship(x, 'ws-x', y);
    expect(users(x)).toEqual(users(y));
    expect((users(y) as { id: string; role: string; disabled: number }[]).filter((row) => row.role === 'admin' && row.disabled === 0).map((row) => row.id)).toEqual(['admin-1']);
  });
});

describe('a keyring left behind the store', () => {
  it('catches up at the next sign-in, e.g. after a crash between the two', async () => {
    const clinic = await testClinic();
    try {
      await clinic.ok('admin', 'session.login', { username: CLINIC_ADMIN.username, password: CLINIC_ADMIN.password });
      const behind = readFileSync(clinic.services.paths.keyring);
      const nurse = await clinic.ok('admin', 'accounts.create', { username: 'nurse.wu', displayName: 'Nurse Wu', role: 'nurse', password: 'nurse wu password' });
      // The app stops, and the keyring is as it was before the account: the store committed, the keyring write never happened.
      await clinic.services.close();
      writeFileSync(clinic.services.paths.keyring, behind);
      await clinic.reopen();
      expect(await clinic.call('n', 'session.login', { username: 'nurse.wu', password: 'nurse wu password' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      await clinic.ok('admin', 'session.login', { username: CLINIC_ADMIN.username, password: CLINIC_ADMIN.password });
      expect(await clinic.ok('n', 'session.login', { username: 'nurse.wu', password: 'nurse wu password' })).toMatchObject({ user: { id: nurse.id, role: 'nurse' } });
    } finally {
      await clinic.cleanup();
    }
  });
});
