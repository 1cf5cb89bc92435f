import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import type { PatientInput } from '../../../preload/contract/patients.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

const CLI = resolve(import.meta.dirname, '../../../main/cli.ts');

const PATIENTS: PatientInput[] = [
  {
    fullName: '司马光明',
    sex: 'male',
    birthDate: '1930-01-09',
    phones: ['13611112222'],
    identifier: { type: 'passport', value: 'G11223344' },
    address: '杭州市西湖区文三路100号',
    emergencyContact: { name: '司马懿', phone: '13733334444' },
    insurance: { provider: '杭州医保', number: 'HZ-556677' },
  },
  { fullName: 'Jane Doe-Smith', familyName: 'Doe-Smith', givenName: 'Jane', sex: 'female', birthDate: '1990-07-21', phones: ['+44 20 7946 0958'], address: '221B Baker Street, London' },
];

/** Every identifying value of the generated charts, as registered and as written in free text. */
// The phone's digits as written and run together: four digits alone turn up in random record ids now and then.
const IDENTIFYING = ['司马光明', '司马懿', 'sima', '13611112222', 'G11223344', '文三路', 'HZ-556677', '13733334444', '1930-01-09', 'Jane', 'Doe-Smith', '7946 0958', '79460958', 'Baker Street', '1990-07-21'];

async function seeded(dialogFolder?: string): Promise<{ clinic: TestClinic; ids: string[] }> {
  const dialogs = { chooseSaveFile: async () => dialogFolder ?? null, chooseOpenFile: async () => null };
  const clinic = await testClinic({ dialogs });
  await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
  const ids: string[] = [];
  for (const patient of PATIENTS) ids.push((await clinic.ok('a', 'patients.register', { patient, confirmedNotDuplicate: true })).id);
  const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
  try {
    const now = clinic.clock.now();
    ids.forEach((id, i) => {
      db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
        VALUES (?, ?, ?, 'Dr Wang', ?, '', '', '', '', '', 'draft', 'Dr Wang', ?, ?)`).run([`enc-${i}`, id, now - 86_400_000, `Seen with ${PATIENTS[i]!.fullName}, call ${PATIENTS[i]!.phones![0]}`, now, now]);
      db.prepare("INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, 0, 'E11.9', 'Type 2 diabetes')").run([`enc-${i}`]);
      db.prepare(`INSERT INTO vital_signs (id, patient_id, at, encounter_id, systolic, diastolic, weight, height, bmi, recorded_by_name, created_at, updated_at)
        VALUES (?, ?, ?, ?, 150, 95, 70, 170, 24.2, 'Dr Wang', ?, ?)`).run([`vit-${i}`, id, now - 86_400_000, `enc-${i}`, now, now]);
    });
  } finally {
    db.close();
  }
  return { clinic, ids };
}

async function filesIn(folder: string): Promise<Record<string, string>> {
  const names = await readdir(folder);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(folder, name), 'utf8')] as const)));
}

function expectNoIdentifyingValues(files: Record<string, string>, ids: readonly string[]): void {
  const all = Object.values(files).join('\n').toLowerCase();
  for (const value of [...IDENTIFYING, ...ids, 'enc-0', 'vit-1']) expect(all, value).not.toContain(value.toLowerCase());
  for (const name of Object.keys(files)) expect(name).toMatch(/^([A-Z][A-Za-z]+\.(ndjson|csv)|manifest\.json)$/);
}

describe('de-identified dataset export', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('writes FHIR Bulk Data NDJSON, one file per resource type, with a manifest and no identifying values', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'cw-dataset-')), 'export');
    const { clinic, ids } = await seeded(folder);
    cleanups.push(() => clinic.cleanup(), () => rm(join(folder, '..'), { recursive: true, force: true }));

    const outcome = await clinic.ok('a', 'analytics.dataset.export', { format: 'ndjson' });
    expect(outcome).toMatchObject({ status: 'done', result: { location: folder, format: 'ndjson', patients: 2 } });
    const files = await filesIn(folder);
    const manifest = JSON.parse(files['manifest.json']!) as { output: Array<{ type: string; url: string; count: number }> };
    for (const entry of manifest.output) expect(files[entry.url]!.trim().split('\n')).toHaveLength(entry.count);
    expect(manifest.output.find((o) => o.type === 'Patient')).toMatchObject({ url: 'Patient.ndjson', count: 2 });
    expect(manifest.output.map((o) => o.type)).toEqual(expect.arrayContaining(['Encounter', 'Observation']));
    const patients = files['Patient.ndjson']!.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(patients.find((p) => p.gender === 'male')).toMatchObject({ extension: [{ valueString: '90+' }] });
    // References resolve inside the export.
    const patientIds = new Set(patients.map((p) => p.id));
    for (const line of files['Encounter.ndjson']!.trim().split('\n')) expect(patientIds.has((JSON.parse(line) as { subject: { reference: string } }).subject.reference.replace('urn:uuid:', ''))).toBe(true);
    expectNoIdentifyingValues(files, ids);

    expect(await clinic.ok('a', 'audit.query', { limit: 20 })).toMatchObject({ entries: expect.arrayContaining([expect.objectContaining({ action: 'export', patientId: ids[0] })]) });
    // A second export into the same (now full) folder is refused.
    expect(await clinic.call('a', 'analytics.dataset.export', { format: 'ndjson' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('runs as `cli export-dataset DIR csv --json`', async () => {
    const { clinic, ids } = await seeded();
    const folder = join(clinic.dataDir, '..', `${clinic.dataDir.split('/').pop()}-csv`);
    cleanups.push(() => rm(clinic.dataDir, { recursive: true, force: true }), () => rm(folder, { recursive: true, force: true }));
    await clinic.services.close();
    const run = spawnSync(process.execPath, [CLI, 'export-dataset', folder, 'csv', '--user', 'admin', '--data-dir', clinic.dataDir, '--json'], {
      encoding: 'utf8',
      input: `${ADMIN.password}\n`,
      env: { PATH: process.env.PATH },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, command: 'export-dataset', result: { format: 'csv', patients: 2 } });
    const files = await filesIn(folder);
    expect(files['Patient.csv']!.split('\r\n')[0]).toBe('id,patient,date,status,system,code,display,value,unit,text');
    expect(files['Condition.csv'] ?? files['Encounter.csv']).toBeDefined();
    expectNoIdentifyingValues(files, ids);
  });
});
