import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyId } from '../../main/keys/derive.ts';
import { Keyring } from '../../main/keys/keyring.ts';
import { openUnlockedStore, rotateDbKey } from '../../main/keys/rotation.ts';
import { StoreClient } from '../../main/store/client.ts';
import { addKeyringUser, FAST_KEYRING, patient, READ } from './fixtures.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.terminate();
});

const ADMIN = { userId: randomUUID(), username: 'admin', password: 'correct horse battery' };
const NURSE = { userId: randomUUID(), username: 'nurse', password: 'a long nurse password' };

function newClient(): StoreClient {
  const client = new StoreClient();
  clients.push(client);
  return client;
}

/** A data folder with two users and one patient, the store open under the first key. */
async function setup() {
  const root = tempDir();
  const database = join(root, 'records.db');
  const { keyring, dbKey, recoveryKey } = await Keyring.create(join(root, 'keyring.json'), ADMIN, FAST_KEYRING);
  await addKeyringUser(keyring, dbKey, NURSE);
  const store = newClient();
  await store.open({ path: database, key: dbKey, create: true });
  const patientId = await store.methods.patients.insert(patient('MRN-1', 'Rotate', 'Me'));
  return { keyring, dbKey, recoveryKey, store, database, patientId };
}

describe('database key rotation', () => {
  it('re-encrypts the database and re-seals the new key for every user and the recovery key', async () => {
    const { keyring, dbKey, recoveryKey, store, database, patientId } = await setup();
    const next = await rotateDbKey(store, keyring, dbKey);
    expect(next.equals(dbKey)).toBe(false);
    expect(await store.info()).toMatchObject({ keyId: keyId(next) });
    expect(await store.methods.patients.get(patientId, READ)).toMatchObject({ mrn: 'MRN-1' });
    await store.close();

    await expect(store.open({ path: database, key: dbKey })).rejects.toMatchObject({ code: 'WRONG_KEY' });
    for (const user of [ADMIN, NURSE]) expect((await keyring.unlockWithPassword(user.username, user.password)).dbKey).toEqual(next);
    expect(await keyring.unlockWithRecoveryKey(recoveryKey)).toEqual(next);
    expect(await keyring.retiredKey(next, keyId(dbKey))).toEqual(dbKey);
    await expect(store.open({ path: database, key: next })).resolves.toMatchObject({ keyId: keyId(next) });
  });

  it('keeps every earlier key retrievable across several rotations', async () => {
    const { keyring, dbKey, store } = await setup();
    const second = await rotateDbKey(store, keyring, dbKey);
    const third = await rotateDbKey(store, keyring, second);
    expect(await keyring.retiredKey(third, keyId(dbKey))).toEqual(dbKey);
    expect(await keyring.retiredKey(third, keyId(second))).toEqual(second);
  });

  it('finishes a rotation interrupted after the rekey committed', async () => {
    const { keyring, dbKey, store, database, patientId } = await setup();
    const next = await keyring.beginRotation(dbKey);
    await store.rekey(next);
    await store.terminate(); // the crash: the keyring still seals the old key for everyone

    const unlocked = await keyring.unlockWithPassword('nurse', NURSE.password);
    expect(unlocked.dbKey).toEqual(dbKey);
    const reopened = newClient();
    const { key } = await openUnlockedStore(reopened, keyring, unlocked.dbKey, { path: database });
    expect(key).toEqual(next);
    expect(await reopened.methods.patients.get(patientId, READ)).toMatchObject({ mrn: 'MRN-1' });
    expect((await keyring.unlockWithPassword('admin', ADMIN.password)).dbKey).toEqual(next);
    expect(await keyring.pendingRotation(next)).toBeNull();
  });

  it('abandons a rotation interrupted before the rekey', async () => {
    const { keyring, dbKey, store, database } = await setup();
    await keyring.beginRotation(dbKey);
    await expect(keyring.beginRotation(dbKey)).rejects.toMatchObject({ code: 'ROTATION_PENDING' });
    await store.terminate();

    const reopened = newClient();
    const { key } = await openUnlockedStore(reopened, keyring, dbKey, { path: database });
    expect(key).toEqual(dbKey);
    expect(await keyring.pendingRotation(dbKey)).toBeNull();
    await expect(rotateDbKey(reopened, keyring, dbKey)).resolves.toHaveLength(32);
  });
});
