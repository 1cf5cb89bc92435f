import Database from '@signalapp/sqlcipher';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from '../../main/keys/keyring.ts';
import { dataPaths } from '../../main/platform/data-dir.ts';
import { createBackup } from '../../main/store/backup.ts';
import { StoreClient } from '../../main/store/client.ts';
import { FAST_KEYRING, patient } from './fixtures.ts';
import { filesContaining, filesUnder, useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.terminate();
});

const NAMES = ['Zqxwv Distinctname', '张三丰测试'];
const MRN = 'MRN-PLAINTEXT-7731';

/** A data folder as the app leaves it: keyring, database with WAL, a backup beside it. */
async function populatedDataDir(checkpoint: boolean) {
  const paths = dataPaths(tempDir());
  const { dbKey } = await Keyring.create(paths.keyring, { userId: randomUUID(), username: 'admin', password: 'correct horse battery' }, FAST_KEYRING);
  const client = new StoreClient();
  clients.push(client);
  await client.open({ path: paths.database, key: dbKey, create: true });
  await client.methods.patients.insert(patient(MRN, 'Zqxwv', 'Distinctname'));
  await client.methods.patients.insert({ ...patient('MRN-2', '张三丰', '测试'), fullName: '张三丰测试' });
  await client.methods.secrets.put('pacs-password', Buffer.from('Zqxwv Distinctname', 'utf8'));
  await createBackup(client, join(paths.root, 'backup.cwbak'));
  if (checkpoint) await client.checkpoint();
  return { paths, client, dbKey };
}

describe('no plaintext at rest', () => {
  for (const checkpoint of [false, true]) {
    it(`no file in the data folder contains patient data (${checkpoint ? 'after' : 'before'} a checkpoint)`, async () => {
      const { paths } = await populatedDataDir(checkpoint);
      if (!checkpoint) expect(existsSync(`${paths.database}-wal`)).toBe(true);
      expect(filesUnder(paths.root).length).toBeGreaterThanOrEqual(3);
      expect(filesContaining(paths.root, [...NAMES, MRN])).toEqual([]);
    });
  }

  it('the scan does find the same data in a database without a key (control)', async () => {
    const root = tempDir();
    const client = new StoreClient();
    clients.push(client);
    await client.openPlain({ path: join(root, 'plain.db'), create: true });
    await client.methods.patients.insert({ ...patient('MRN-2', '张三丰', '测试'), fullName: '张三丰测试' });
    await client.methods.patients.insert(patient(MRN, 'Zqxwv', 'Distinctname'));
    expect(filesContaining(root, ['张三丰测试'])).not.toEqual([]);
    expect(filesContaining(root, [MRN])).not.toEqual([]);
  });

  it('still holds none once the store is closed', async () => {
    const { paths, client } = await populatedDataDir(false);
    await client.close();
    expect(filesContaining(paths.root, [...NAMES, MRN])).toEqual([]);
  });

  it('the same library without a key cannot read the database', async () => {
    const { paths, client } = await populatedDataDir(true);
    await client.close();
    const plain = new Database(paths.database);
    try {
      expect(() => plain.prepare('SELECT * FROM patients').all()).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    } finally {
      plain.close();
    }
  });

  it('a wrong key is refused with WRONG_KEY', async () => {
    const { paths, client } = await populatedDataDir(false);
    await client.close();
    await expect(client.open({ path: paths.database, key: Buffer.alloc(32, 7) })).rejects.toMatchObject({ code: 'WRONG_KEY' });
  });
});
