import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFile, ENCAPSULATED_PDF, NAME_GB18030, newUid, nonImageFile, writeFiles } from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let work: string;
let target: string;
let studyId: string;
let originals: Uint8Array[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cw-export-'));
  target = join(work, 'out');
  clinic = await patientClinic({ dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null, chooseFolder: async () => target } });
  const studyUid = newUid();
  const seriesUid = newUid();
  // A report and a document whose content names the patient (in the file's character set) beside the images.
  const namedInText = Buffer.concat([Buffer.from('Patient '), NAME_GB18030.bytes, Buffer.from(' (EXP-1): no bleed.')]);
  originals = [
    dicomFile({ studyUid, seriesUid, instanceNumber: 1, patientName: NAME_GB18030, patientId: 'EXP-1' }),
    dicomFile({ studyUid, seriesUid, instanceNumber: 2, patientName: NAME_GB18030, patientId: 'EXP-1', burnedInAnnotation: 'YES' }),
    nonImageFile({
      studyUid,
      patientName: NAME_GB18030,
      patientId: 'EXP-1',
      content: [
        { type: 'TEXT', meaning: 'Finding', text: namedInText },
        { type: 'PNAME', meaning: 'Person Observer Name', name: NAME_GB18030 },
      ],
    }),
    nonImageFile({ studyUid, sopClassUid: ENCAPSULATED_PDF, modality: 'DOC', patientName: NAME_GB18030, patientId: 'EXP-1', document: Buffer.concat([Buffer.from('%PDF-1.4\n'), namedInText]) }),
  ];
  await writeFiles(join(work, 'in'), originals);
  studyId = (await clinic.services.imports.run(null, [join(work, 'in')])).studyIds[0]!;
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(work, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
}

describe('export', () => {
  it('writes the stored files unchanged under neutral names', async () => {
    const result = await clinic.ok('radiologist', 'imaging.export.studies', { studyIds: [studyId], deidentify: false });
    expect(result).toMatchObject({ files: 4, skippedBurnedIn: 0, skippedNonImage: 0, failed: 0 });
    const written = await filesUnder(result!.folder);
    expect(written.map((path) => path.slice(result!.folder.length))).toEqual(['/S0001/IM00001.dcm', '/S0001/IM00002.dcm', '/S0001/IM00003.dcm', '/S0001/IM00004.dcm']);
    const bytes = await Promise.all(written.map((path) => readFile(path)));
    expect(bytes.map((b) => b.toString('hex')).sort()).toEqual(originals.map((o) => Buffer.from(o).toString('hex')).sort());
  });

  it('de-identifies, leaving out images with burned-in annotations and objects whose content names the patient', async () => {
    const result = await clinic.ok('radiologist', 'imaging.export.studies', { studyIds: [studyId], deidentify: true });
    expect(result).toMatchObject({ files: 1, skippedBurnedIn: 1, skippedNonImage: 2, failed: 0 });
    const written = await filesUnder(result!.folder);
    expect(written).toHaveLength(1);
    for (const path of written) {
      const bytes = await readFile(path);
      expect(bytes.includes(Buffer.from(NAME_GB18030.bytes))).toBe(false);
      expect(bytes.includes(Buffer.from(NAME_GB18030.decoded.replace('^', ''), 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('EXP-1'))).toBe(false);
      expect(dicomParser.parseDicom(bytes).string('x00120062')).toBe('YES');
    }
  });

  it('is not for the front desk', async () => {
    const result = await clinic.call('frontdesk', 'imaging.export.studies', { studyIds: [studyId], deidentify: true });
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });
});
