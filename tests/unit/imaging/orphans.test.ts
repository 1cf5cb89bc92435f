import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeClaim } from '../../../main/imaging/import/claims.node.ts';
import { dicomFile, writeFiles } from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let inbox: string;

beforeAll(async () => {
  clinic = await patientClinic();
  inbox = await mkdtemp(join(tmpdir(), 'cw-orphans-'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(inbox, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

describe('orphan blobs', () => {
  it('removes blobs an interrupted import published but never indexed, and keeps indexed ones', async () => {
    await writeFiles(inbox, [dicomFile()]);
    await clinic.services.imports.run(null, [inbox]);
    const blobs = await clinic.services.files.blobs();
    const [indexed] = await (async () => {
      const names: string[] = [];
      for await (const name of blobs.names()) names.push(name);
      return names;
    })();

    // What a crash between publishing and indexing leaves: a claimed blob no instance references.
    const claims = clinic.services.imports.claimsDir;
    const orphan = await blobs.put(randomBytes(4096), { beforePublish: (hash) => writeClaim(claims, hash) });
    await writeClaim(claims, indexed!);
    const young = await blobs.put(randomBytes(100), { beforePublish: (hash) => writeClaim(claims, hash) });
    const old = new Date(Date.now() - 60 * 60_000);
    for (const hash of [orphan.hash, indexed!]) await utimes(join(claims, hash), old, old);

    expect(await clinic.services.imports.sweepOrphans()).toBe(1);
    expect(await blobs.has(orphan.hash)).toBe(false);
    expect(await blobs.has(indexed!)).toBe(true);
    // A recent claim may belong to an import still running.
    expect(await blobs.has(young.hash)).toBe(true);
    expect(await readdir(claims)).toEqual([young.hash]);
  });
});
