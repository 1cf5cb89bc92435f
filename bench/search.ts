/**
 * Patient search benchmark: a register of generated patients in the encrypted
 * store, searched through the store worker's real `patients.search` with
 * realistic front-desk queries; compared with the same queries as an
 * unindexed LIKE '%q%' scan that ranks the way search does.
 *
 *   node bench/search.ts [--patients=1000000] [--fresh]
 *
 * The generated store is cached in the temp folder by size and schema
 * version, so a rerun skips the generation (--fresh rebuilds it).
 * Prints a summary, then one JSON line last:
 * {"bench":"search","patients":…,"p50_ms":…,"p95_ms":…,"p99_ms":…,"speedup_vs_scan":…}
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NewPatient } from '../main/patients/bulk.node.ts';
import { namePinyin } from '../main/patients/pinyin.ts';
import { StoreClient } from '../main/store/client.ts';
import { openEncrypted } from '../main/store/connection.node.ts';
import { SCHEMA_VERSION } from '../main/store/migrations/index.ts';
import { mulberry32 } from './support/random.ts';

const { values: args } = parseArgs({ options: { patients: { type: 'string', default: '1000000' }, fresh: { type: 'boolean', default: false } } });
const PATIENTS = Number(args.patients);
/** Rows per store call: one transaction each. */
const BATCH = 50_000;
const QUERIES = 1_000;
const WARM_UP = 200;
/** The scan reads the whole table per query, so it runs on a sample. */
const SCAN_SAMPLE = 50;
const LIMIT = 20;
const GENERATION_CACHE_KIB = 1024 * 1024;

/** Surnames by rough frequency (the first ones repeat), a few read differently as surnames, and compound ones. */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单区仇解',
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '长孙', '慕容', '司徒',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彩春菊凤洁梅琳素云莲真雪荣爱香月媛瑞凡佳嘉琼勤珍莉娣璐琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚婕馨韵园艺卿聪澜纯悦昭冰爽茗羽希宁欣滢筠柔竹凝晓欢霄枫芸菲寒伊亚宜可舒影阳妮宝贝初程恒鸿桦剑娇宽灵琪晴容睿堂威雯萱彦宇雨忠宗曼紫逸贤蝶翠轩小建国志文海波斌鹏飞辉俊峰浩然子涵梓博思源',
];
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Ahmed', 'Fatima', 'Yuki', 'Hiroshi', 'Olga', 'Ivan', 'Lucas', 'Sofia', 'Mateo', 'Amara', 'Chen', 'Min-jun', 'Priya', 'Arjun', 'Elena', 'Marco', 'Chloé', 'Jürgen', 'Nadia', 'Kwame'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Nguyen', 'Kim', 'Müller', 'Rossi', 'Silva', 'Khan', 'Okafor', 'Novak', 'Tanaka', 'Ivanov', 'Dubois', 'Schmidt', 'Kowalski', 'Haddad', 'Mensah', 'Patel', 'Sato', 'Park', 'Fischer', 'Costa'];
const MOBILE = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const digits = (random: Random, count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

/** Four in five names Chinese (surname + one or two characters), the rest Latin. */
function generatedPatient(random: Random): NewPatient {
  const chinese = random() < 0.8;
  const fullName = chinese
    ? pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.7 ? pick(random, GIVEN) : '')
    : `${pick(random, FIRST)} ${pick(random, LAST)}`;
  const mobile = pick(random, MOBILE) + digits(random, 8);
  const phones = [random() < 0.2 ? `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` : mobile];
  if (random() < 0.15) phones.push(`010-${digits(random, 8)}`);
  const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(random() * 95 * 365.25) * 86_400_000);
  return { fullName, sex: random() < 0.5 ? 'female' : 'male', birthDate: birth.toISOString().slice(0, 10), phones };
}

/** The store, generated once per size and schema version; reopened from the temp folder afterwards. */
async function openRegister(store: StoreClient): Promise<{ path: string; key: Buffer; generatedMs: number | null }> {
  const dir = join(tmpdir(), 'cw-bench-search', `${PATIENTS}-v${SCHEMA_VERSION}`);
  const path = join(dir, 'records.db');
  const done = join(dir, 'complete');
  if (existsSync(done) && !args.fresh) {
    const key = Buffer.from(readFileSync(join(dir, 'key.hex'), 'utf8'), 'hex');
    await store.open({ path, key });
    return { path, key, generatedMs: null };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Synthetic data under a throwaway key: keeping the key beside it is what makes the cache reusable.
  const key = randomBytes(32);
  writeFileSync(join(dir, 'key.hex'), key.toString('hex'));
  // A page cache that holds every index while they are built; searches then run with the app's own.
  await store.open({ path, key, create: true, tuning: { cacheSizeKiB: GENERATION_CACHE_KIB } });
  const random = mulberry32(42);
  const started = performance.now();
  for (let done = 0; done < PATIENTS; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, PATIENTS - done) }, () => generatedPatient(random));
    await store.methods.patients.insertMany(batch);
    if ((done / BATCH) % 4 === 3) process.stderr.write(`  generated ${done + batch.length} patients\n`);
  }
  await store.checkpoint();
  const generatedMs = performance.now() - started;
  await store.close();
  writeFileSync(done, '');
  await store.open({ path, key });
  return { path, key, generatedMs };
}

/** `count` patients of the register at uniformly random positions, in random order (regenerated, not read back). */
function sampleRegister(random: Random, count: number): NewPatient[] {
  const positions = Array.from({ length: count }, () => Math.floor(random() * PATIENTS));
  const wanted = [...new Set(positions)].sort((a, b) => a - b);
  const register = mulberry32(42);
  const found = new Map<number, NewPatient>();
  for (let position = 0, next = 0; next < wanted.length; position++) {
    const patient = generatedPatient(register);
    if (position === wanted[next]) found.set(wanted[next++]!, patient);
  }
  return positions.map((position) => found.get(position)!);
}

/** What a front desk types, about patients spread over the whole register: name fragments, pinyin initials, full pinyin prefixes, phone prefixes. */
function realisticQueries(random: Random, count: number): string[] {
  const sampled = sampleRegister(random, count * 4);
  const chinese = sampled.filter((patient) => namePinyin(patient.fullName));
  const latin = sampled.filter((patient) => !namePinyin(patient.fullName));
  const upTo = (length: number, min: number) => min + Math.floor(random() * (length - min + 1));
  return Array.from({ length: count }, (_, i) => {
    const roll = random();
    const patient = chinese[i % chinese.length]!;
    const { pinyin, initials } = namePinyin(patient.fullName)!;
    if (roll < 0.25) return [...patient.fullName].slice(0, upTo([...patient.fullName].length, 1)).join('');
    if (roll < 0.35) {
      const name = latin[i % latin.length]!.fullName;
      const start = Math.floor(random() * (name.length - 3));
      return name.slice(start, start + upTo(6, 3));
    }
    if (roll < 0.55) return initials.slice(0, upTo(initials.length, 2));
    if (roll < 0.8) {
      const typed = random() < 0.3 ? pinyin : pinyin.replaceAll(' ', '');
      return typed.slice(0, upTo(Math.min(typed.length, 10), 3));
    }
    return patient.phones![0]!.replace(/^\+86/, '').replace(/\D/g, '').slice(0, upTo(8, 3));
  });
}

/** Search without its indexes: every row's name, pinyin, initials and phones tested with LIKE, then ranked as search ranks. */
const SCAN = `SELECT id, mrn, full_name, pinyin, sex, birth_date, phones FROM patients
  WHERE merged_into IS NULL AND (name_key LIKE $like OR replace(pinyin, ' ', '') LIKE $like OR pinyin_initials LIKE $like OR phones LIKE $like)
  ORDER BY CASE WHEN name_key = $term OR replace(pinyin, ' ', '') = $term OR pinyin_initials = $term THEN 0
    WHEN name_key LIKE $term || '%' OR replace(pinyin, ' ', '') LIKE $term || '%' OR pinyin_initials LIKE $term || '%' THEN 1 ELSE 2 END
  LIMIT $limit`;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const store = new StoreClient();
try {
  const { path, key, generatedMs } = await openRegister(store);
  const count = await store.methods.patients.count();
  console.log(generatedMs === null ? `reusing the cached register of ${count} patients (${path})` : `generated ${count} patients in ${(generatedMs / 1000).toFixed(0)} s`);

  const asked = realisticQueries(mulberry32(7), WARM_UP + QUERIES);
  for (const query of asked.slice(0, WARM_UP)) await store.methods.patients.search(query, 'bench', LIMIT);
  const queries = asked.slice(WARM_UP);
  const timings: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const started = performance.now();
    hits += (await store.methods.patients.search(query, 'bench', LIMIT)).length;
    timings.push(performance.now() - started);
  }
  const sorted = [...timings].sort((a, b) => a - b);

  const sampleIndexes = Array.from({ length: SCAN_SAMPLE }, (_, i) => Math.floor((i * QUERIES) / SCAN_SAMPLE));
  const scanner = openEncrypted(path, key);
  const scanTimings: number[] = [];
  try {
    const scan = scanner.prepare(SCAN);
    for (const index of sampleIndexes) {
      const term = queries[index]!.toLowerCase().replaceAll(' ', '');
      const started = performance.now();
      scan.all({ like: `%${term}%`, term, limit: LIMIT });
      scanTimings.push(performance.now() - started);
    }
  } finally {
    scanner.close();
  }
  const indexedSampleMean = mean(sampleIndexes.map((index) => timings[index]!));
  const speedup = mean(scanTimings) / indexedSampleMean;

  console.log(`${QUERIES} searches (after ${WARM_UP} warm-up), limit ${LIMIT}, ${(hits / QUERIES).toFixed(1)} hits on average, through the store worker:`);
  console.log(`  p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms`);
  console.log(`unindexed LIKE scan on ${SCAN_SAMPLE} of the same queries: mean ${mean(scanTimings).toFixed(0)} ms vs ${indexedSampleMean.toFixed(2)} ms indexed (${speedup.toFixed(0)}x)`);
  console.log(
    JSON.stringify({
      bench: 'search',
      patients: count,
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      p99_ms: round(percentile(sorted, 99)),
      speedup_vs_scan: round(speedup, 0),
    }),
  );
} finally {
  await store.terminate();
}
