/**
 * Record store benchmark: the encrypted store against the same library, schema,
 * pragmas, worker and batching without a key, in one run; then the sign-in
 * path (scrypt with production parameters + open + first query).
 *
 *   node bench/store.ts
 *
 * Prints a table, then one JSON line last:
 * {"bench":"store","insert_ratio":…,"lookup_ratio":…,"unlock_ms":…}
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KDF } from '../main/keys/kdf.ts';
import { Keyring } from '../main/keys/keyring.ts';
import { openUnlockedStore } from '../main/keys/rotation.ts';
import { StoreClient } from '../main/store/client.ts';
import type { NewPatient } from '../main/patients/bulk.node.ts';
import { mulberry32 } from './support/random.ts';

const PATIENTS = 100_000;
/** Rows per transaction, the same for both sides: one import batch. */
const BATCH = 1_000;
const ID_LOOKUPS = 10_000;
const PREFIX_LOOKUPS = 2_000;
const ROUNDS = 2;

const FAMILY = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo', 'Smith', 'Garcia', 'Nguyen', 'Kim', 'Müller', 'Rossi', 'Silva', 'Khan', 'Okafor', 'Novak'];
const SYLLABLES = ['an', 'bo', 'chen', 'da', 'fei', 'gang', 'hui', 'jie', 'kai', 'lan', 'ming', 'na', 'ping', 'qiang', 'rui', 'shan', 'ting', 'wei', 'xin', 'yu', 'zhi'];

function register(): NewPatient[] {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: PATIENTS }, (_, i) => {
    const familyName = pick(FAMILY);
    const given = pick(SYLLABLES) + pick(SYLLABLES);
    const givenName = given[0]!.toUpperCase() + given.slice(1);
    const year = 1930 + Math.floor(random() * 90);
    return {
      mrn: `MRN${String(i).padStart(8, '0')}`,
      familyName,
      givenName,
      fullName: `${familyName} ${givenName}`,
      birthDate: `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      sex: random() < 0.5 ? 'female' : 'male',
    };
  });
}

interface SideResult {
  insertMs: number;
  idLookupMs: number;
  prefixLookupMs: number;
}

type Opener = (store: StoreClient, path: string, create: boolean) => Promise<unknown>;

async function runSide(root: string, name: string, open: Opener, patients: NewPatient[]): Promise<SideResult> {
  const path = join(root, `${name}-${randomUUID()}.db`);
  const store = new StoreClient();
  try {
    await open(store, path, true);
    let started = performance.now();
    for (let i = 0; i < patients.length; i += BATCH) await store.methods.patients.insertMany(patients.slice(i, i + BATCH));
    const insertMs = performance.now() - started;

    // Reopened, then one warm-up pass of each kind: the figures are for a page cache that holds the working set, as during a clinic day.
    await store.close();
    await open(store, path, false);
    const lookUp = async (random: () => number) => {
      for (let i = 0; i < ID_LOOKUPS; i++) {
        const mrn = patients[Math.floor(random() * patients.length)]!.mrn!;
        const [hit] = await store.methods.patients.search(mrn, 'bench', 1);
        if (hit?.mrn !== mrn) throw new Error('lookup missed');
      }
    };
    await lookUp(mulberry32(11));
    const random = mulberry32(7);
    started = performance.now();
    await lookUp(random);
    const idLookupMs = performance.now() - started;
    const searchPrefixes = async (next: () => number) => {
      for (let i = 0; i < PREFIX_LOOKUPS; i++) {
        const source = patients[Math.floor(next() * patients.length)]!.fullName;
        await store.methods.patients.search(source.slice(0, 3 + Math.floor(next() * 6)), 'bench', 20);
      }
    };
    await searchPrefixes(mulberry32(13));
    started = performance.now();
    await searchPrefixes(random);
    const prefixLookupMs = performance.now() - started;
    return { insertMs, idLookupMs, prefixLookupMs };
  } finally {
    await store.terminate();
  }
}

/** Sign-in as the app does it: scrypt (production parameters), open the store, first query. */
async function measureUnlock(root: string, patients: NewPatient[]): Promise<{ warmMs: number; coldMs: number }> {
  const paths = { keyring: join(root, 'keyring.json'), database: join(root, 'records.db') };
  const admin = { userId: randomUUID(), username: 'admin', password: 'bench password 123' };
  const { dbKey } = await Keyring.create(paths.keyring, admin, { kdf: DEFAULT_KDF });
  const setup = new StoreClient();
  await setup.open({ path: paths.database, key: dbKey, create: true });
  for (let i = 0; i < patients.length; i += BATCH) await setup.methods.patients.insertMany(patients.slice(i, i + BATCH));
  await setup.terminate();

  const signIn = async (store: StoreClient) => {
    const keyring = await Keyring.open(paths.keyring);
    const { dbKey: key } = await keyring.unlockWithPassword(admin.username, admin.password);
    await openUnlockedStore(store, keyring, key, { path: paths.database });
    await store.methods.patients.search('Zhang W', 'bench', 20);
  };

  // Warm: the worker is already running (the app starts it with the login screen).
  const warm = new StoreClient();
  await warm.info().catch(() => {});
  let started = performance.now();
  await signIn(warm);
  const warmMs = performance.now() - started;
  await warm.terminate();

  // Cold: the worker thread and the native library start as part of the sign-in.
  started = performance.now();
  const cold = new StoreClient();
  await signIn(cold);
  const coldMs = performance.now() - started;
  await cold.terminate();
  return { warmMs, coldMs };
}

const best = (results: SideResult[], key: keyof SideResult) => Math.min(...results.map((result) => result[key]));
const fmt = (ms: number) => `${ms.toFixed(0).padStart(7)} ms`;
const ratio = (encrypted: number, plain: number) => Math.round((encrypted / plain) * 100) / 100;

const root = mkdtempSync(join(tmpdir(), 'cw-bench-store-'));
try {
  const patients = register();
  const plain: SideResult[] = [];
  const encrypted: SideResult[] = [];
  const key = Buffer.alloc(32, 0x5c);
  // Alternating sides, best of each, so neither profits from a warmer machine.
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await runSide(root, 'plain', (store, path, create) => store.openPlain({ path, create }), patients));
    encrypted.push(await runSide(root, 'encrypted', (store, path, create) => store.open({ path, key, create }), patients));
  }
  const unlock = await measureUnlock(root, patients);

  const rows: Array<[string, number, number]> = [
    [`insert ${PATIENTS} (batches of ${BATCH})`, best(plain, 'insertMs'), best(encrypted, 'insertMs')],
    [`${ID_LOOKUPS} lookups by record number (MRN)`, best(plain, 'idLookupMs'), best(encrypted, 'idLookupMs')],
    [`${PREFIX_LOOKUPS} name-prefix searches (20 rows)`, best(plain, 'prefixLookupMs'), best(encrypted, 'prefixLookupMs')],
  ];
  console.log(`record store, best of ${ROUNDS} rounds, through the store worker`);
  console.log(`${'operation'.padEnd(40)} ${'plain'.padStart(10)} ${'encrypted'.padStart(10)}  ratio`);
  for (const [label, p, e] of rows) console.log(`${label.padEnd(40)} ${fmt(p)} ${fmt(e)}  ${ratio(e, p).toFixed(2)}x`);
  console.log(`sign-in (scrypt N=2^${Math.log2(DEFAULT_KDF.N)} r=${DEFAULT_KDF.r} p=${DEFAULT_KDF.p} + open + first query): ${unlock.warmMs.toFixed(0)} ms with the worker running, ${unlock.coldMs.toFixed(0)} ms including worker start`);

  const [insert, byId, byPrefix] = rows;
  console.log(
    JSON.stringify({
      bench: 'store',
      insert_ratio: ratio(insert![2], insert![1]),
      lookup_ratio: Math.max(ratio(byId![2], byId![1]), ratio(byPrefix![2], byPrefix![1])),
      unlock_ms: Math.round(unlock.coldMs),
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
