import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Bundle, DocumentReference } from '@medplum/fhirtypes';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { series, writeFiles } from '../fixtures/dicom/generate.ts';
import { changeObjectName } from '../../main/sync/batch.ts';
import { S3Target } from '../../main/sync/s3-target.ts';
import { ADMIN, testClinic, type TestClinic } from '../unit/helpers/clinic.ts';
import { runCli } from './support/cli.ts';
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

async function signedInClinic(options: Parameters<typeof testClinic>[0] = {}): Promise<TestClinic> {
  const clinic = await testClinic(options);
  clinics.push(clinic);
  await clinic.ok('admin', 'session.login', { username: ADMIN.username, password: ADMIN.password });
  return clinic;
}

const config = () => ({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, prefix: 'service/', forcePathStyle: true });

describe('sync through the contract', () => {
  it('tests a connection and names failures by code, with the HTTP status', async () => {
    const clinic = await signedInClinic();
    const good = await clinic.ok('admin', 'sync.targets.test', { config: config(), credentials: S3RVER_CREDENTIALS });
    expect(good.checks).toEqual(['write', 'read', 'list', 'delete'].map((check) => ({ check, ok: true, code: null, detail: {} })));

    const badKey = await clinic.ok('admin', 'sync.targets.test', { config: config(), credentials: { ...S3RVER_CREDENTIALS, accessKeyId: 'NOT-A-KEY' } });
    expect(badKey.checks).toEqual([{ check: 'write', ok: false, code: 'InvalidAccessKeyId', detail: { httpStatus: 403 } }]);

    const noBucket = await clinic.ok('admin', 'sync.targets.test', { config: { ...config(), bucket: 'no-such-bucket' }, credentials: S3RVER_CREDENTIALS });
    expect(noBucket.checks[0]).toEqual({ check: 'write', ok: false, code: 'NoSuchBucket', detail: { httpStatus: 404 } });

    const nobodyThere = await clinic.ok('admin', 'sync.targets.test', { config: { ...config(), endpoint: 'http://127.0.0.1:9' }, credentials: S3RVER_CREDENTIALS });
    expect(nobodyThere.checks[0]).toEqual({ check: 'write', ok: false, code: 'ConnectionRefused', detail: {} });
  });

  it('removes a target with its credentials and progress; the bucket keeps what it holds', async () => {
    const clinic = await signedInClinic();
    const { id } = await clinic.ok('admin', 'sync.targets.save', { name: 'Old bucket', config: { ...config(), prefix: 'removed/' }, credentials: S3RVER_CREDENTIALS });
    await clinic.ok('admin', 'patients.register', { patient: { fullName: '林平之', sex: 'male', birthDate: '1988-08-08' }, confirmedNotDuplicate: true });
    expect((await clinic.services.sync.syncOnce())[0]).toMatchObject({ targetId: id, error: null });
    expect(await clinic.ok('admin', 'sync.targets.remove', { id })).toEqual({});
    // The worker still runs (it also carries CDS calls), but with no target nothing syncs.
    expect(await clinic.ok('admin', 'sync.status', {})).toMatchObject({ targets: [], state: 'stopped' });
    expect(await clinic.services.vault.store.methods.sync.credentials(id)).toBeNull();
    expect(await clinic.call('admin', 'sync.targets.remove', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Added again, the same bucket and prefix: it starts from the first object and finds its earlier objects there.
    const again = await clinic.ok('admin', 'sync.targets.save', { name: 'Old bucket', config: { ...config(), prefix: 'removed/' }, credentials: S3RVER_CREDENTIALS });
    expect((await clinic.services.sync.syncOnce())[0]).toMatchObject({ targetId: again.id, error: null });
    expect((await clinic.ok('admin', 'sync.status', {})).targets).toEqual([expect.objectContaining({ id: again.id, pendingChanges: 0 })]);
  });

  it('shows where another workstation’s changes are stuck, and `cli sync-once` fails on it', async () => {
    const clinic = await signedInClinic();
    const gap = { ...config(), prefix: 'stuck/' };
    await clinic.ok('admin', 'sync.targets.save', { name: 'Clinic bucket', config: gap, credentials: S3RVER_CREDENTIALS });
    // Another desk's folder whose first objects expired while a later one is there.
    const other = '0194f0c2-7a3b-7c4d-8e5f-000000000042';
    const bucket = new S3Target(gap, S3RVER_CREDENTIALS);
    await bucket.put(changeObjectName(other, 9), Buffer.from('sealed'));
    bucket.destroy();
    await clinic.services.sync.syncOnce();
    const { workstations } = await clinic.ok('admin', 'sync.status', {});
    expect(workstations.find((workstation) => workstation.id === other)).toMatchObject({ self: false, changesApplied: 0, blocked: { object: 1, reason: 'missing' } });

    await clinic.services.close();
    const run = await runCli(['sync-once', '--user', 'admin', '--data-dir', clinic.dataDir, '--json'], `${ADMIN.password}\n`);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('SYNC_BLOCKED');
    expect(run.stdout + run.stderr).toContain(`Changes from workstation ${other} stop at its object 1, which is missing from the bucket`);
    await clinic.reopen();
  }, 90_000);

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

    // Enrolling gave each desk its own record-number station: registrations made apart never share a number.
    expect((await first.ok('admin', 'patients.mrnFormat.get', {})).station).toBe(1);
    expect((await second.ok('admin', 'patients.mrnFormat.get', {})).station).toBe(2);
    const register = (clinic: typeof first, fullName: string) =>
      clinic.ok('admin', 'patients.register', { patient: { fullName, sex: 'male', birthDate: '1980-01-02' }, confirmedNotDuplicate: true });
    const [atFirst, atSecond] = [await register(first, '钱进'), await register(second, '孙立')];
    expect(atFirst.mrn).not.toBe(atSecond.mrn);
    expect(atFirst.mrn).toMatch(/^MRN01/);
    expect(atSecond.mrn).toMatch(/^MRN02/);
  });

  it('a document attached on one desk opens on another: the account and the row replicate, the file is fetched on first use', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cw-sync-document-'));
    // A 1×1 PNG.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d5e6f60000000049454e44ae426082', 'hex');
    await writeFile(join(folder, 'scan.png'), png);
    try {
      const first = await signedInClinic({ dialogs: { chooseOpenFile: async () => join(folder, 'scan.png'), chooseSaveFile: async () => null } });
      await first.ok('admin', 'sync.targets.save', { name: 'Clinic bucket', config: { ...config(), prefix: 'documents/' }, credentials: S3RVER_CREDENTIALS });
      const physician = { username: 'dr.wang', displayName: '王医生', role: 'physician' as const, password: 'a long physician password' };
      await first.ok('admin', 'accounts.create', physician);
      await first.ok('physician', 'session.login', { username: physician.username, password: physician.password });
      const patient = await first.ok('admin', 'patients.register', { patient: { fullName: '周芷若', sex: 'female', birthDate: '1992-02-03' }, confirmedNotDuplicate: true });
      const attached = (await first.ok('physician', 'chart.documents.attach', { patientId: patient.id, document: { title: '外院检查 scan', kind: 'report', date: '2024-03-01' } }))!;
      expect((await first.services.sync.syncOnce())[0]).toMatchObject({ error: null });

      const { file } = await first.ok('admin', 'sync.enrolment.create', { passphrase: 'purple elephant stairs' });
      const exportPath = join(folder, 'chart.fhir.json');
      const second = await signedInClinic({ dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => exportPath } });
      await second.ok('admin', 'sync.enrolment.join', { file, passphrase: 'purple elephant stairs' });
      expect((await second.services.sync.syncOnce())[0]).toMatchObject({ error: null });

      // A FHIR export there carries the file, fetched first rather than left out.
      expect(await second.ok('admin', 'fhir.exportChart', { patientId: patient.id })).toMatchObject({ cancelled: false, documentsWithoutContent: 0 });
      const bundle = JSON.parse(await readFile(exportPath, 'utf8')) as Bundle;
      const documents = bundle.entry!.map((entry) => entry.resource!).filter((resource): resource is DocumentReference => resource.resourceType === 'DocumentReference');
      expect(documents.map((document) => document.content[0]!.attachment.data)).toEqual([png.toString('base64')]);

      // The physician signs in on the second desk with the same password and opens the scan: fetched, then decrypted.
      await second.ok('physician', 'session.login', { username: physician.username, password: physician.password });
      const shown = await second.ok('physician', 'chart.documents.image', { id: attached.id });
      expect(shown).toEqual({ mediaType: 'image/png', base64: png.toString('base64') });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
  it('a study imported on one desk exports as DICOM on another: its files are fetched first, byte for byte as imported', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cw-sync-dicom-export-'));
    try {
      const originals = series({ count: 3, rows: 16, columns: 16 });
      await writeFiles(join(folder, 'in'), originals);
      const first = await signedInClinic();
      await first.ok('admin', 'sync.targets.save', { name: 'Clinic bucket', config: { ...config(), prefix: 'dicom-export/' }, credentials: S3RVER_CREDENTIALS });
      expect((await first.services.imports.run(null, [join(folder, 'in')])).imported).toBe(3);
      expect((await first.services.sync.syncOnce())[0]).toMatchObject({ error: null });

      const { file } = await first.ok('admin', 'sync.enrolment.create', { passphrase: 'purple elephant stairs' });
      const second = await signedInClinic({ dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => join(folder, 'out') } });
      await second.ok('admin', 'sync.enrolment.join', { file, passphrase: 'purple elephant stairs' });
      expect((await second.services.sync.syncOnce())[0]).toMatchObject({ error: null });

      const [study] = await second.ok('admin', 'imaging.studies.list', {});
      const result = await second.ok('admin', 'imaging.export.studies', { studyIds: [study!.id], deidentify: false });
      expect(result).toMatchObject({ files: 3, failed: 0 });
      const written = (await readdir(result!.folder, { recursive: true })).filter((name) => name.endsWith('.dcm'));
      const exported = await Promise.all(written.map((name) => readFile(join(result!.folder, name))));
      const hex = (files: readonly Uint8Array[]) => files.map((bytes) => Buffer.from(bytes).toString('hex')).sort();
      expect(hex(exported)).toEqual(hex(originals));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
