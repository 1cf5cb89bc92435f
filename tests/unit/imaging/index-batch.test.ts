import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry, NO_ACTOR } from '../../../main/audit/audit-log.ts';
import type { InstanceMetadata } from '../../../main/imaging/import/metadata.ts';
import { parseDicom } from '../../../main/imaging/import/parse-dicom.node.ts';
import { dicomFile, newUid, series, writeFiles } from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let inbox: string;

beforeAll(async () => {
  clinic = await patientClinic();
  inbox = await mkdtemp(join(tmpdir(), 'cw-index-batch-'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(inbox, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

function metadataOf(file: Uint8Array): InstanceMetadata {
  const parsed = parseDicom(file);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.metadata;
}

const studyUids = async () => (await clinic.ok('radiologist', 'imaging.studies.list', {})).map((study) => study.studyInstanceUid);

describe('batched indexing', () => {
  it('indexes a batch in one transaction: a failing instance leaves none of the batch behind', async () => {
    const good = metadataOf(dicomFile({ studyUid: newUid() }));
    const bad = metadataOf(dicomFile({ studyUid: newUid() }));
    // A value the STRICT table refuses, as a disk error or a crash would stop the transaction halfway.
    (bad.instance as { rows: unknown }).rows = 'not a number';
    const blob = { hash: 'a'.repeat(64), size: 1 };
    const audit = auditEntry(NO_ACTOR, 'record.create', {}, Date.now());
    await expect(clinic.services.vault.store.methods.imaging.indexInstances([{ metadata: good, blob }, { metadata: bad, blob }], audit)).rejects.toThrow();
    expect(await studyUids()).not.toContain(good.study.uid);

    const [outcome] = await clinic.services.vault.store.methods.imaging.indexInstances([{ metadata: good, blob }], audit);
    expect(outcome?.status).toBe('imported');
    expect(await studyUids()).toContain(good.study.uid);
  });

  it('imports a series in batches, counts a re-import as duplicates, and writes no blob twice', async () => {
    const dir = join(inbox, 'series');
    const files = series({ count: 40, rows: 64, columns: 64 });
    await writeFiles(dir, files);
    const first = await clinic.services.imports.run(null, [dir]);
    expect(first).toMatchObject({ files: 40, imported: 40, duplicates: 0, rejected: [] });
    const seriesList = await clinic.ok('radiologist', 'imaging.series.list', { studyId: first.studyIds[0]! });
    expect(seriesList[0]?.instances).toHaveLength(40);

    const blobDir = join(clinic.services.files.root, 'blobs');
    const countBlobs = async () => (await Promise.all((await readdir(blobDir)).map((prefix) => readdir(join(blobDir, prefix))))).flat().length;
    const blobsBefore = await countBlobs();
    const again = await clinic.services.imports.run(null, [dir]);
    expect(again).toMatchObject({ files: 40, imported: 0, duplicates: 40, rejected: [] });
    expect(await countBlobs()).toBe(blobsBefore);
    expect(await readdir(clinic.services.imports.claimsDir)).toEqual([]);
  });
});
