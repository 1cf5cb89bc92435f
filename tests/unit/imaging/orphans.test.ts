import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../main/files/blob-store.node.ts';
import { writeGroupClaim } from '../../../main/imaging/import/claims.node.ts';
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

/** What an import does up to indexing (import-job.ts): stage, make durable, claim the group, publish. */
async function publishedUnindexed(blobs: BlobStore, claims: string, files: readonly Uint8Array[]): Promise<{ hashes: string[]; claim: string }> {
  const synced = await Promise.all(files.map((bytes) => blobs.syncStaged(blobs.stageSync(bytes))));
  const hashes = synced.map((blob) => blob.hash);
  const claim = await writeGroupClaim(claims, hashes);
  expect(await blobs.publish(synced)).toEqual(synced.map(() => 'created'));
  return { hashes, claim };
}

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

    // What a crash between publishing and indexing leaves: a group's claim, its blobs referenced by no instance. The
    // group also names a blob that is indexed (found already stored), which stays.
    const claims = clinic.services.imports.claimsDir;
    const group = await publishedUnindexed(blobs, claims, [randomBytes(4096), randomBytes(5000)]);
    const mixed = await writeGroupClaim(claims, [indexed!]);
    // A claim as earlier versions wrote it: an empty file named by the blob.
    const { hash: legacy } = await blobs.put(randomBytes(3000));
    await writeFile(join(claims, legacy), '');
    const young = await publishedUnindexed(blobs, claims, [randomBytes(100)]);
    const old = new Date(Date.now() - 60 * 60_000);
    for (const name of [group.claim, mixed, legacy]) await utimes(join(claims, name), old, old);

    expect(await clinic.services.imports.sweepOrphans()).toBe(3);
    for (const hash of [...group.hashes, legacy]) expect(await blobs.has(hash)).toBe(false);
    expect(await blobs.has(indexed!)).toBe(true);
    // A recent claim may belong to an import still running.
    expect(await blobs.has(young.hashes[0]!)).toBe(true);
    expect(await readdir(claims)).toEqual([young.claim]);
  });

  it('shows a staged blob only once published, and leaves equal content already stored as it is', async () => {
    const blobs = await clinic.services.files.blobs();
    const bytes = randomBytes(70_000);
    const staged = blobs.stageSync(bytes);
    expect(staged.temp).not.toBeNull();
    expect(await blobs.has(staged.hash)).toBe(false);
    const synced = await blobs.syncStaged(staged);
    expect(await blobs.has(staged.hash)).toBe(false);
    expect(await blobs.publish([synced])).toEqual(['created']);
    expect(Buffer.from(await blobs.read(staged.hash)).equals(bytes)).toBe(true);

    const again = blobs.stageSync(bytes);
    expect(again).toEqual({ hash: staged.hash, size: bytes.length, temp: null });
    expect(await blobs.publish([await blobs.syncStaged(again)])).toEqual(['present']);
    // A temp file gone before it was made durable fails that blob, and nothing appears.
    const lost = blobs.stageSync(randomBytes(1000));
    await rm(join(blobs.root, 'tmp', lost.temp!));
    await expect(blobs.syncStaged(lost)).rejects.toThrow();
    expect(await blobs.has(lost.hash)).toBe(false);
  });
});
