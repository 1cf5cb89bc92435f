/**
 * Sync benchmark, in one run against a real S3-protocol server (s3rver) on loopback:
 *  1. 300 MB of image files through the sync worker's blob upload vs. the raw
 *     `@aws-sdk/lib-storage` Upload of the same files at the same concurrency;
 *  2. 100,000 changes replicated from one workstation to another (push, pull, apply).
 *
 *   node bench/sync.ts
 *
 * Prints progress, then one JSON line last:
 * {"bench":"sync","upload_vs_raw":…,"replicate_100k_s":…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomKey } from '../main/keys/crypto.ts';
import { patientQueries } from '../main/patients/queries.node.ts';
import type { PatientFields } from '../main/patients/rows.node.ts';
import { startS3rver } from '../tests/integration/support/s3rver.ts';
import { openWorkstation } from '../tests/integration/support/sync-workstation.ts';
import { benchUpload } from './support/sync-upload.ts';
import { mulberry32 } from './support/random.ts';

// BENCH_SYNC_CHANGES: a smaller run while tuning; the reported figure is for 100,000.
const CHANGES = Number(process.env.BENCH_SYNC_CHANGES ?? 100_000);
const UPDATES_EVERY = 4;

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', 'Smith', 'Garcia', 'Kim'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '艳', '勇'];

async function replicate(dir: string): Promise<number> {
  const s3 = await startS3rver('bench-sync');
  const clinicKey = randomKey();
  const spec = (name: string) => ({ dir, name, clinicKey, endpoint: s3.endpoint, bucket: s3.bucket });
  const source = openWorkstation(spec('source'));
  const replica = openWorkstation(spec('replica'));
  try {
    const random = mulberry32(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const fields = (): PatientFields =>
      ({
        fullName: pick(FAMILY) + pick(GIVEN) + pick(GIVEN),
        familyName: null,
        givenName: null,
        sex: random() < 0.5 ? 'female' : 'male',
        birthDate: `19${30 + Math.floor(random() * 70)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
        phones: [`13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`],
        identifier: null,
        address: random() < 0.5 ? '北京市海淀区中关村大街' : null,
        insurance: null,
        emergencyContact: null,
        allergies: 'unknown',
        notes: null,
      }) as unknown as PatientFields;
    const started = performance.now();
    let made = 0;
    const ids: string[] = [];
    while (made < CHANGES) {
      source.write((db) => {
        for (let i = 0; i < 1000 && made < CHANGES; i++, made++) {
          if (made % UPDATES_EVERY === UPDATES_EVERY - 1 && ids.length > 0) {
            const id = pick(ids);
            const row = db.prepare('SELECT updated_at FROM patients WHERE id = ?').get<{ updated_at: number }>([id])!;
            patientQueries.update(db, id, { ...fields(), fullName: pick(FAMILY) + pick(GIVEN) }, row.updated_at, source.audit('record.update'));
          } else {
            ids.push(patientQueries.register(db, fields(), true, source.audit('record.create')).id);
          }
        }
      });
    }
    const changes = Number(source.db.prepare('SELECT count(*) FROM outbox', { pluck: true }).get());
    console.log(`made ${changes} changes in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const t0 = performance.now();
    const pushed = await source.sync(1);
    const t1 = performance.now();
    const pulled = await replica.sync(1);
    const t2 = performance.now();
    const same = Number(replica.db.prepare('SELECT count(*) FROM patients', { pluck: true }).get()) === ids.length;
    console.log(`push ${pushed.pushed.changes} changes in ${pushed.pushed.objects} objects (${(pushed.pushed.bytes / 1e6).toFixed(1)} MB): ${((t1 - t0) / 1000).toFixed(1)} s`);
    console.log(`pull+apply ${pulled.pulled.changes} changes: ${((t2 - t1) / 1000).toFixed(1)} s; replica complete: ${same}`);
    if (!same || pulled.pulled.changes !== changes) throw new Error('The replica did not receive every change.');
    return (t2 - t0) / 1000;
  } finally {
    source.close();
    replica.close();
    await s3.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-sync-'));
try {
  const upload = await benchUpload(dir);
  const replicateSeconds = await replicate(dir);
  console.log(JSON.stringify({ bench: 'sync', upload_vs_raw: upload === null ? null : Number(upload.toFixed(3)), replicate_100k_s: Number(replicateSeconds.toFixed(2)) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
