import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketDestination } from '../../main/analytics/export/bucket-destination.node.ts';
import { openEncrypted } from '../../main/store/connection.node.ts';
import type { PatientInput } from '../../preload/contract/patients.ts';
import { ADMIN, testClinic, type TestClinic } from '../unit/helpers/clinic.ts';
import { runCli } from './support/cli.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from './support/s3rver.ts';

const PREFIX = 'clinic-a';

const PATIENTS: PatientInput[] = [
  {
    fullName: '诸葛明亮',
    sex: 'male',
    birthDate: '1931-02-03',
    phones: ['13655556666'],
    identifier: { type: 'passport', value: 'K55667788' },
    address: '成都市武侯区武侯祠大街231号',
    emergencyContact: { name: '诸葛瑾', phone: '13977778888' },
  },
  { fullName: 'Grace Lovelace-King', familyName: 'Lovelace-King', givenName: 'Grace', sex: 'female', birthDate: '1985-12-10', phones: ['+44 20 7123 4567'], address: '12 St James Square, London' },
];
const IDENTIFYING = ['诸葛明亮', '诸葛瑾', 'zhuge', '13655556666', 'K55667788', '武侯祠', '13977778888', '1931-02-03', 'Grace', 'Lovelace', '7123 4567', 'James Square', '1985-12-10'];

let s3: LocalS3;
let clinic: TestClinic;
let client: S3Client;
let targetId: string;
const identifiers: string[] = [];

/** Every object under a key prefix, with its text. */
async function objectsUnder(prefix: string): Promise<Record<string, string>> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  const keys = (listed.Contents ?? []).map((object) => object.Key!);
  const bodies = await Promise.all(keys.map(async (key) => (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))).Body!.transformToString()));
  return Object.fromEntries(keys.map((key, i) => [key.slice(prefix.length), bodies[i]!]));
}

beforeAll(async () => {
  s3 = await startS3rver();
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  clinic = await testClinic();
  await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
  for (const patient of PATIENTS) identifiers.push((await clinic.ok('a', 'patients.register', { patient, confirmedNotDuplicate: true })).id);
  const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
  try {
    const now = clinic.clock.now();
    identifiers.forEach((id, i) => {
      db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
        VALUES (?, ?, ?, 'Dr Sun', ?, '', '', '', '', '', 'draft', 'Dr Sun', ?, ?)`).run([`enc-${i}`, id, now - 86_400_000, `Came with ${PATIENTS[i]!.fullName}, phone ${PATIENTS[i]!.phones![0]}`, now, now]);
      db.prepare("INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, 0, 'I10', 'Hypertension')").run([`enc-${i}`]);
    });
  } finally {
    db.close();
  }
  ({ id: targetId } = await clinic.ok('a', 'sync.targets.save', {
    name: 'Hospital bucket',
    config: { endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: `${PREFIX}/`, forcePathStyle: true },
    credentials: S3RVER_CREDENTIALS,
  }));
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await clinic?.cleanup();
  await s3?.close();
});

describe('de-identified dataset into a sync target’s bucket', () => {
  it('writes plain NDJSON and its manifest under the target’s datasets/ prefix, with no identifying value', async () => {
    const outcome = await clinic.ok('a', 'analytics.dataset.export', { format: 'ndjson', target: targetId });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    const { result } = outcome;
    const match = new RegExp(`^s3://${s3.bucket}/${PREFIX}/datasets/([0-9a-f-]{36})/$`).exec(result.location);
    expect(match, result.location).not.toBeNull();
    expect(result.patients).toBe(2);

    const objects = await objectsUnder(`${PREFIX}/datasets/${match![1]}/`);
    expect(Object.keys(objects).sort()).toEqual(['manifest.json', ...result.files.map((file) => file.file)].sort());
    expect(result.files.map((file) => file.type)).toEqual(expect.arrayContaining(['Patient', 'Encounter', 'Condition']));

    // Plain NDJSON (the data platform has no clinic key), line counts as the manifest says.
    const manifest = JSON.parse(objects['manifest.json']!) as { output: Array<{ type: string; url: string; count: number }>; extension: { patients: number } };
    expect(manifest.extension.patients).toBe(2);
    for (const { type, url, count } of manifest.output) {
      const lines = objects[url]!.trim().split('\n');
      expect(lines, url).toHaveLength(count);
      for (const line of lines) expect((JSON.parse(line) as { resourceType: string }).resourceType).toBe(type);
    }
    expect(manifest.output.find((file) => file.type === 'Patient')!.count).toBe(2);

    const all = Object.values(objects).join('\n').toLowerCase();
    for (const value of [...IDENTIFYING, ...identifiers, 'enc-0', 'enc-1', 'Dr Sun']) expect(all, value).not.toContain(value.toLowerCase());

    // Replication goes on beside it, and leaves the dataset alone.
    const [round] = await clinic.services.sync.syncOnce();
    expect(round).toMatchObject({ targetId, error: null });
    expect(Object.keys(await objectsUnder(`${PREFIX}/datasets/${match![1]}/`))).toHaveLength(Object.keys(objects).length);
  });

  it('runs from the command line as CSV, and refuses a target that does not exist', async () => {
    expect(await clinic.call('a', 'analytics.dataset.export', { format: 'csv', target: 'no-such-target' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The CLI opens the same data folder: the app lets go of it first.
    await clinic.services.close();
    const run = await runCli(['export-dataset', '--target', targetId, 'csv', '--user', 'admin', '--data-dir', clinic.dataDir, '--json'], `${ADMIN.password}\n`);
    expect(run.status, run.stderr).toBe(0);
    const printed = (JSON.parse(run.stdout) as { result: { location: string; format: string; patients: number; files: Array<{ file: string }> } }).result;
    expect(printed).toMatchObject({ format: 'csv', patients: 2 });
    const key = printed.location.slice(`s3://${s3.bucket}/`.length);
    expect(key).toMatch(new RegExp(`^${PREFIX}/datasets/[0-9a-f-]{36}/$`));
    const objects = await objectsUnder(key);
    expect(Object.keys(objects).sort()).toEqual(['manifest.json', ...printed.files.map((file) => file.file)].sort());
    expect(objects['Patient.csv']!.split('\r\n')[0]).toBe('id,patient,date,status,system,code,display,value,unit,text');
    const all = Object.values(objects).join('\n').toLowerCase();
    for (const value of [...IDENTIFYING, ...identifiers]) expect(all, value).not.toContain(value.toLowerCase());
    await clinic.reopen();
  }, 90_000);

  it('leaves nothing behind when an export fails midway', async () => {
    const destination = bucketDestination({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: PREFIX, forcePathStyle: true }, S3RVER_CREDENTIALS, 'failed-export');
    const written = await destination.create('Patient.ndjson', 'application/fhir+ndjson');
    await written.write('{"resourceType":"Patient","id":"p1"}\n');
    await written.close();
    const open = await destination.create('Observation.ndjson', 'application/fhir+ndjson');
    await open.write('{"resourceType":"Observation","id":"o1"}\n');
    expect(Object.keys(await objectsUnder(`${PREFIX}/datasets/failed-export/`))).toEqual(['Patient.ndjson']);
    await destination.abort();
    expect(await objectsUnder(`${PREFIX}/datasets/failed-export/`)).toEqual({});
  });
});
