import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, testClinic, type TestClinic } from '../unit/helpers/clinic.ts';
import { S3RVER_CREDENTIALS, startS3rver, type LocalS3 } from './support/s3rver.ts';

let s3: LocalS3;
const clinics: TestClinic[] = [];

beforeAll(async () => {
  s3 = await startS3rver();
});

afterAll(async () => {
  for (const clinic of clinics) await clinic.cleanup();
  await s3?.close();
});

async function signedInClinic(): Promise<TestClinic> {
  const clinic = await testClinic();
  clinics.push(clinic);
  await clinic.ok('admin', 'session.login', { username: ADMIN.username, password: ADMIN.password });
  return clinic;
}

const config = () => ({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'service/', forcePathStyle: true });

describe('sync through the contract', () => {
  it('tests a connection and explains failures in plain words', async () => {
    const clinic = await signedInClinic();
    const good = await clinic.ok('admin', 'sync.targets.test', { config: config(), credentials: S3RVER_CREDENTIALS });
    expect(good.checks).toEqual(['write', 'read', 'list', 'delete'].map((check) => ({ check, ok: true, message: null })));

    const badKey = await clinic.ok('admin', 'sync.targets.test', { config: config(), credentials: { ...S3RVER_CREDENTIALS, accessKeyId: 'NOT-A-KEY' } });
    expect(badKey.checks).toEqual([{ check: 'write', ok: false, message: expect.stringContaining('access key') }]);

    const noBucket = await clinic.ok('admin', 'sync.targets.test', { config: { ...config(), bucket: 'no-such-bucket' }, credentials: S3RVER_CREDENTIALS });
    expect(noBucket.checks[0]).toMatchObject({ ok: false, message: expect.stringContaining('bucket does not exist') });

    const nobodyThere = await clinic.ok('admin', 'sync.targets.test', { config: { ...config(), endpoint: 'http://127.0.0.1:9' }, credentials: S3RVER_CREDENTIALS });
    expect(nobodyThere.checks[0]).toMatchObject({ ok: false, message: expect.stringContaining('Nothing answered') });
  });

  it('replicates a registration to a workstation that joined with an enrolment file', async () => {
    const first = await signedInClinic();
    const { id: targetId } = await first.ok('admin', 'sync.targets.save', { name: 'Clinic bucket', config: config(), credentials: S3RVER_CREDENTIALS });
    const patient = await first.ok('admin', 'patients.register', {
      patient: { fullName: '赵敏', sex: 'female', birthDate: '1990-05-06', phones: ['13800138000'] },
      confirmedNotDuplicate: true,
    });
    const pushed = await first.services.sync.syncOnce();
    expect(pushed).toEqual([expect.objectContaining({ targetId, error: null, pushed: expect.objectContaining({ changes: expect.any(Number) }) })]);
    expect(pushed[0]!.pushed.changes).toBeGreaterThanOrEqual(1);

    const { file } = await first.ok('admin', 'sync.enrolment.create', { passphrase: 'purple elephant stairs' });
    expect(file).not.toContain(S3RVER_CREDENTIALS.secretAccessKey);

    const second = await signedInClinic();
    expect(await second.call('admin', 'sync.enrolment.join', { file, passphrase: 'wrong passphrase!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await second.ok('admin', 'sync.enrolment.join', { file, passphrase: 'purple elephant stairs' })).toEqual({ clinicName: ADMIN.clinicName, targets: 1 });
    const pulled = await second.services.sync.syncOnce();
    expect(pulled[0]).toMatchObject({ error: null, pulled: { changes: pushed[0]!.pushed.changes } });

    const replica = await second.ok('admin', 'patients.get', { id: patient.id });
    expect(replica).toMatchObject({ fullName: '赵敏', mrn: patient.mrn, birthDate: '1990-05-06', phones: ['13800138000'] });
    const hits = await second.ok('admin', 'patients.search', { query: 'zhaomin' });
    expect(hits.map((hit) => hit.id)).toContain(patient.id);

    const status = await second.ok('admin', 'sync.status', {});
    expect(status).toMatchObject({ enrolled: true, targets: [{ id: targetId, online: true, stopped: null, pendingChanges: 0 }] });
    expect(status.workstations.map((workstation) => workstation.id)).toContain(first.services.vault.meta!.workstationId);
  });
});
