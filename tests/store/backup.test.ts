import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from '../../main/keys/keyring.ts';
import { rotateDbKey } from '../../main/keys/rotation.ts';
import { encodeTrailer, readManifest, type BackupManifest } from '../../main/store/backup-format.ts';
import { createBackup, restoreBackup } from '../../main/store/backup.ts';
import { StoreClient } from '../../main/store/client.ts';
import { openEncrypted } from '../../main/store/connection.node.ts';
import { SCHEMA_VERSION } from '../../main/store/migrations/index.ts';
import { FAST_KEYRING, patient, READ } from './fixtures.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.terminate();
});

async function openStore(key: Buffer = randomBytes(32)) {
  const root = tempDir();
  const database = join(root, 'records.db');
  const store = new StoreClient();
  clients.push(store);
  await store.open({ path: database, key, create: true });
  return { root, database, store, key };
}

/** A store with patient A in a backup and patient B added after it. */
async function withBackup() {
  const opened = await openStore();
  const a = await opened.store.methods.patients.insert(patient('MRN-A', 'Before', 'Backup'));
  const backup = join(opened.root, 'backup.cwbak');
  const manifest = await createBackup(opened.store, backup, () => 42);
  const b = await opened.store.methods.patients.insert(patient('MRN-B', 'After', 'Backup'));
  return { ...opened, backup, manifest, a, b };
}

/** Splits a backup into snapshot and manifest, lets a test alter them, and writes it back (checksum updated unless kept). */
function rewriteBackup(path: string, change: (snapshot: Buffer, manifest: BackupManifest) => Buffer | void, keepChecksum = false): void {
  const file = readFileSync(path);
  const trailerAt = file.length - 12;
  const length = file.readUInt32BE(trailerAt);
  const manifest = JSON.parse(file.subarray(trailerAt - length, trailerAt).toString('utf8')) as BackupManifest;
  const original = Buffer.from(file.subarray(0, manifest.dbBytes));
  const snapshot = change(original, manifest) ?? original;
  if (!keepChecksum) {
    manifest.dbBytes = snapshot.length;
    manifest.sha256 = createHash('sha256').update(snapshot).digest('hex');
  }
  writeFileSync(path, Buffer.concat([snapshot, encodeTrailer(manifest)]));
}

/** The current data is exactly as before the failed restore, and the store still works. */
async function expectUntouched(store: StoreClient, ids: { a: string; b: string }) {
  expect(await store.methods.patients.get(ids.a, READ)).toMatchObject({ mrn: 'MRN-A' });
  expect(await store.methods.patients.get(ids.b, READ)).toMatchObject({ mrn: 'MRN-B' });
  await store.methods.patients.insert(patient('MRN-C', 'Still', 'Writable'));
}

describe('backup', () => {
  it('writes an encrypted snapshot with a manifest that carries no patient data', async () => {
    const { backup, manifest, key } = await withBackup();
    expect(manifest).toMatchObject({ format: 'clinic-workstation-backup', version: 1, createdAt: 42, schemaVersion: SCHEMA_VERSION });
    expect(await readManifest(backup)).toEqual(manifest);
    expect(Object.keys(manifest).sort()).toEqual(['createdAt', 'dbBytes', 'format', 'keyId', 'schemaVersion', 'sha256', 'version']);
    expect(readFileSync(backup).includes('MRN-A')).toBe(false);
    // The snapshot alone opens with the database key.
    const snapshot = join(tempDir(), 'snapshot.db');
    writeFileSync(snapshot, readFileSync(backup).subarray(0, manifest.dbBytes));
    const db = openEncrypted(snapshot, key);
    expect(db.prepare('SELECT mrn FROM patients', { pluck: true }).all()).toEqual(['MRN-A']);
    db.close();
  });

  it('restores: the data returns to the backup, the replaced database is kept as .bak', async () => {
    const { store, backup, database, a, b } = await withBackup();
    await expect(restoreBackup(store, backup, { databasePath: database })).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
    expect(await store.methods.patients.get(a, READ)).toMatchObject({ mrn: 'MRN-A' });
    expect(await store.methods.patients.get(b, READ)).toBeNull();
    expect(existsSync(`${database}.bak`)).toBe(true);
    expect(existsSync(`${database}.restore`)).toBe(false);
  });

  it('refuses a file that is not a backup, or is truncated', async () => {
    const { store, backup, database, root, a, b } = await withBackup();
    const notBackup = join(root, 'notes.txt');
    writeFileSync(notBackup, 'just some text');
    await expect(restoreBackup(store, notBackup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    writeFileSync(backup, readFileSync(backup).subarray(100));
    await expect(restoreBackup(store, backup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    await expectUntouched(store, { a, b });
  });

  it('refuses a backup whose bytes changed (checksum)', async () => {
    const { store, backup, database, a, b } = await withBackup();
    rewriteBackup(backup, (snapshot) => void (snapshot[5000] = snapshot[5000]! ^ 0xff), true);
    await expect(restoreBackup(store, backup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    await expectUntouched(store, { a, b });
  });

  it('refuses a backup damaged consistently with its manifest (integrity and page authentication)', async () => {
    const { store, backup, database, a, b } = await withBackup();
    // A byte inside page 2: its HMAC no longer matches.
    rewriteBackup(backup, (snapshot) => void (snapshot[4096 + 2000] = snapshot[4096 + 2000]! ^ 0xff));
    await expect(restoreBackup(store, backup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    await expectUntouched(store, { a, b });
  });

  it('refuses a backup of another key, even when its manifest claims ours', async () => {
    const { store, database, a, b } = await withBackup();
    const other = await openStore();
    const foreign = join(other.root, 'foreign.cwbak');
    await createBackup(other.store, foreign);
    await expect(restoreBackup(store, foreign, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_FOREIGN' });
    const { keyId } = await store.info();
    rewriteBackup(foreign, (_snapshot, manifest) => void (manifest.keyId = keyId!));
    await expect(restoreBackup(store, foreign, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_FOREIGN' });
    await expectUntouched(store, { a, b });
  });

  it('refuses a backup from a newer schema, by manifest or by content', async () => {
    const { store, backup, database, key, a, b } = await withBackup();
    const tooNew = join(tempDir(), 'too-new.cwbak');
    writeFileSync(tooNew, readFileSync(backup));
    rewriteBackup(tooNew, (_snapshot, manifest) => void (manifest.schemaVersion = SCHEMA_VERSION + 1));
    await expect(restoreBackup(store, tooNew, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_TOO_NEW' });

    rewriteBackup(backup, (snapshot) => {
      const file = join(tempDir(), 'newer.db');
      writeFileSync(file, snapshot);
      const db = openEncrypted(file, key);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      return readFileSync(file);
    });
    await expect(restoreBackup(store, backup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_TOO_NEW' });
    await expectUntouched(store, { a, b });
  });

  it('restores a backup made before a key rotation with the retired key', async () => {
    const root = tempDir();
    const { keyring, dbKey } = await Keyring.create(join(root, 'keyring.json'), { userId: randomUUID(), username: 'admin', password: 'correct horse battery' }, FAST_KEYRING);
    const store = new StoreClient();
    clients.push(store);
    const database = join(root, 'records.db');
    await store.open({ path: database, key: dbKey, create: true });
    const id = await store.methods.patients.insert(patient('MRN-OLD', 'Old', 'Key'));
    const backup = join(root, 'old.cwbak');
    await createBackup(store, backup);
    const next = await rotateDbKey(store, keyring, dbKey);

    await expect(restoreBackup(store, backup, { databasePath: database })).rejects.toMatchObject({ code: 'BACKUP_FOREIGN' });
    const info = await restoreBackup(store, backup, { databasePath: database, retiredKey: (id) => keyring.retiredKey(next, id) });
    expect(info).toMatchObject({ keyId: (await store.info()).keyId });
    expect(await store.methods.patients.get(id, READ)).toMatchObject({ mrn: 'MRN-OLD' });
    // Re-encrypted under the current key: it reopens with it.
    await store.close();
    await expect(store.open({ path: database, key: next })).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
  });

  it('recovers from a crash between the two renames of a restore', async () => {
    const { store, database, key, a, b } = await withBackup();
    await store.close();
    // The state a crash after "current → .bak" and before "candidate → current" leaves.
    renameSync(database, `${database}.bak`);
    await store.open({ path: database, key });
    await expectUntouched(store, { a, b });
  });
});
