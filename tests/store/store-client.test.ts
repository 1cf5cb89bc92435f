import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../main/store/client.ts';
import { openEncrypted } from '../../main/store/connection.node.ts';
import { readTransaction } from '../../main/store/read-only.node.ts';
import { StoreError } from '../../main/store/errors.ts';
import { SCHEMA_VERSION } from '../../main/store/migrations/index.ts';
import { keyId } from '../../main/keys/derive.ts';
import { patient, READ } from './fixtures.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.terminate();
});

async function openStore(create = true) {
  const client = new StoreClient();
  clients.push(client);
  const key = randomBytes(32);
  const path = join(tempDir(), 'records.db');
  const info = await client.open({ path, key, create });
  return { client, key, path, info };
}

describe('store client', () => {
  it('opens, migrates and reports the key fingerprint', async () => {
    const { info, key } = await openStore();
    expect(info).toEqual({ schemaVersion: SCHEMA_VERSION, keyId: keyId(key) });
  });

  it('runs registry methods through call() and the typed proxy', async () => {
    const { client } = await openStore();
    const id = await client.call('patients.insert', patient('MRN-1', 'Chen', 'Wei'));
    const viaProxy = await client.methods.patients.get(id, READ);
    expect(viaProxy).toMatchObject({ id, mrn: 'MRN-1', fullName: 'Chen Wei' });
    expect(await client.methods.patients.search('Che', 'user-1', 10)).toEqual([
      { id, mrn: 'MRN-1', fullName: 'Chen Wei', pinyin: null, sex: 'unknown', birthDate: '1970-01-01', phones: [], match: { field: 'name', kind: 'prefix' } },
    ]);
    await client.methods.secrets.put('pacs', new Uint8Array([1, 2, 3]));
    expect(await client.methods.secrets.get('pacs')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await client.methods.secrets.delete('pacs')).toBe(true);
    expect(await client.methods.secrets.get('pacs')).toBeNull();
  });

  it('answers a read-only method while another connection holds the write lock, from the last committed state', async () => {
    const { client, key, path } = await openStore();
    const id = await client.methods.patients.insert(patient('MRN-1', 'Chen', 'Wei'));
    // The sync worker's connection, in the middle of applying a batch.
    const other = openEncrypted(path, key);
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare("UPDATE patients SET full_name = 'Chen Wu' WHERE id = ?").run([id]);
      // A method taking the write lock would wait here, then fail with BUSY.
      expect((await client.methods.patients.search('Chen', 'user-1', 10)).map((hit) => hit.fullName)).toEqual(['Chen Wei']);
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    expect((await client.methods.patients.search('Chen', 'user-1', 10)).map((hit) => hit.fullName)).toEqual(['Chen Wu']);
  });

  it('refuses a write inside a read transaction, and writes again afterwards', async () => {
    const { key, path } = await openStore();
    const db = openEncrypted(path, key);
    try {
      expect(() => readTransaction(db, () => db.exec("INSERT INTO secrets (name, value, updated_at) VALUES ('x', x'00', 0)"))).toThrow(/readonly|read-only|query_only/i);
      db.exec("INSERT INTO secrets (name, value, updated_at) VALUES ('x', x'00', 0)");
      expect(db.prepare('SELECT count(*) FROM secrets', { pluck: true }).get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('reports constraint failures as typed errors without the values', async () => {
    const { client } = await openStore();
    await client.methods.patients.insert(patient('MRN-SECRET-42', 'Chen', 'Wei'));
    const error = await client.methods.patients.insert(patient('MRN-SECRET-42', 'Li', 'Na')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'CONSTRAINT', details: { sqlite: 'SQLITE_CONSTRAINT_UNIQUE', columns: 'patients.mrn' } });
    expect(JSON.stringify({ ...(error as StoreError), message: (error as StoreError).message })).not.toMatch(/SECRET|Li|Na/);
  });

  it('runs each method in one transaction: a failure rolls the whole call back', async () => {
    const { client } = await openStore();
    const batch = [patient('A', 'One', 'X'), patient('B', 'Two', 'X'), patient('A', 'Dup', 'X')];
    await expect(client.methods.patients.insertMany(batch)).rejects.toMatchObject({ code: 'CONSTRAINT' });
    expect(await client.methods.patients.count()).toBe(0);
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { client } = await openStore();
    const call = client.call as unknown as (method: string, ...args: unknown[]) => Promise<unknown>;
    for (const method of ['nope', 'patients.nope', 'patients.__proto__', 'constructor.name', 'patients.get.call']) {
      await expect(call.call(client, method)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    }
  });

  it('refuses a second open, calls before open, and a missing database without create', async () => {
    const client = new StoreClient();
    clients.push(client);
    await expect(client.methods.patients.count()).rejects.toMatchObject({ code: 'NOT_OPEN' });
    const path = join(tempDir(), 'records.db');
    await expect(client.open({ path, key: randomBytes(32) })).rejects.toMatchObject({ code: 'DB_MISSING' });
    await client.open({ path, key: randomBytes(32), create: true });
    await expect(client.open({ path, key: randomBytes(32), create: true })).rejects.toMatchObject({ code: 'ALREADY_OPEN' });
  });

  it('refuses a wrong key with WRONG_KEY and stays usable', async () => {
    const { client, key, path } = await openStore();
    await client.close();
    await expect(client.open({ path, key: randomBytes(32) })).rejects.toMatchObject({ code: 'WRONG_KEY' });
    await expect(client.open({ path, key })).resolves.toMatchObject({ schemaVersion: SCHEMA_VERSION });
  });

  it('meta is initialized once', async () => {
    const { client } = await openStore();
    const meta = { clinicName: 'Clinic', workstationId: 'ws-1', createdAt: 1 };
    await client.methods.meta.initialize(meta);
    expect(await client.methods.meta.get()).toEqual(meta);
    await expect(client.methods.meta.initialize(meta)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('rejects arguments that cannot cross the thread boundary', async () => {
    const { client } = await openStore();
    const unclonable = { ...patient('MRN-F', 'Fn', 'Arg'), fullName: (() => 'x') as unknown as string };
    await expect(client.methods.patients.insert(unclonable)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await client.methods.patients.count()).toBe(0);
  });

  it('fails pending and later calls with WORKER_EXITED once the worker stops', async () => {
    const { client } = await openStore();
    await client.terminate();
    await expect(client.methods.patients.count()).rejects.toMatchObject({ code: 'WORKER_EXITED' });
  });
});
