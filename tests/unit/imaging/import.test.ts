import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dicomFile,
  GRAYSCALE_PRESENTATION_STATE,
  KEY_OBJECT_SELECTION,
  NAME_GB18030,
  NAME_ISO2022_IR87,
  NAME_LATIN1,
  newUid,
  nonImageFile,
  series,
  truncated,
  writeFiles,
} from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let inbox: string;

beforeAll(async () => {
  clinic = await patientClinic();
  inbox = await mkdtemp(join(tmpdir(), 'cw-dicom-in-'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(inbox, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

/** Every file under a folder, recursively. */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}

async function waitForJob(connection: 'frontdesk' | 'admin', jobId: string) {
  for (;;) {
    const status = await clinic.ok(connection, 'imaging.import.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('DICOM import', () => {
  it('imports every good file of a mixed folder, names each bad one with its reason, and keeps no plaintext on disk', async () => {
    const folder = join(inbox, 'mixed');
    const nested = join(folder, 'SERIES', 'A');
    const good = series({ count: 5, patientName: NAME_GB18030, patientId: 'CT-9001', rows: 32, columns: 32, pixel: (x, y, f) => 1000 + ((x * 7 + y * 13 + f) % 700) });
    const goodPaths = await writeFiles(nested, good);
    const single = join(folder, 'jp.dcm');
    await writeFile(single, dicomFile({ patientName: NAME_ISO2022_IR87, patientId: 'JP-1' }));
    const latin = join(folder, 'latin.dcm');
    await writeFile(latin, dicomFile({ patientName: NAME_LATIN1, patientId: 'DE-1' }));
    const bad: Record<string, string> = {
      [join(folder, 'cut.dcm')]: 'truncated',
      [join(folder, 'noise.bin')]: 'not-dicom',
      [join(folder, 'notes.txt')]: 'not-dicom',
      [join(folder, 'nouid.dcm')]: 'missing-uids',
      [join(folder, 'mpeg.dcm')]: 'unsupported-transfer-syntax',
      [join(folder, 'empty.dcm')]: 'not-dicom',
    };
    await writeFile(join(folder, 'cut.dcm'), truncated(dicomFile({ rows: 64, columns: 64 }), 0.5));
    await writeFile(join(folder, 'noise.bin'), randomBytes(5000));
    await writeFile(join(folder, 'notes.txt'), 'Patient notes, not an image.\n'.repeat(20));
    await writeFile(join(folder, 'nouid.dcm'), dicomFile({ sopUid: '', studyUid: '' }));
    await writeFile(join(folder, 'mpeg.dcm'), dicomFile({ transferSyntaxUid: '1.2.840.10008.1.2.4.100' }));
    await writeFile(join(folder, 'empty.dcm'), new Uint8Array(0));

    const { jobId } = await clinic.ok('frontdesk', 'imaging.import.start', { paths: [folder] });
    const status = await waitForJob('frontdesk', jobId);
    expect(status.state).toBe('succeeded');
    const report = status.report!;
    expect(report.imported).toBe(7);
    expect(report.duplicates).toBe(0);
    expect(Object.fromEntries(report.rejected.map((r) => [r.file, r.reason]))).toEqual(bad);
    expect(report.files).toBe(13);

    const studies = await clinic.ok('physician', 'imaging.studies.list', {});
    expect(studies.map((s) => s.filePatient.name).sort()).toEqual([NAME_GB18030.decoded, NAME_ISO2022_IR87.decoded, NAME_LATIN1.decoded].sort());
    const ct = studies.find((s) => s.filePatient.patientId === 'CT-9001')!;
    expect(ct).toMatchObject({ seriesCount: 1, instanceCount: 5, modalities: ['CT'], studyDate: '2024-03-15', patientId: null });
    const [ctSeries] = await clinic.ok('physician', 'imaging.series.list', { studyId: ct.id });
    expect(ctSeries!.instances.map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(ctSeries!.instances[0]).toMatchObject({ rows: 32, columns: 32, frameCount: 1 });

    // No file under the data folder holds a name (in any encoding) or a run of pixel bytes.
    const needles = [
      Buffer.from(NAME_GB18030.bytes),
      Buffer.from(NAME_GB18030.decoded, 'utf8'),
      Buffer.from('山田', 'utf8'),
      Buffer.from(NAME_ISO2022_IR87.bytes).subarray(0, 12),
      Buffer.from('Müller', 'latin1'),
      Buffer.from('Müller', 'utf8'),
      Buffer.from('CT-9001'),
      Buffer.from(good[0]!.subarray(good[0]!.byteLength - 64)),
    ];
    const files = await allFiles(clinic.dataDir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} leaks`).toBe(false);
    }

    // Importing the same files again skips them as duplicates.
    const again = await clinic.services.imports.run(null, goodPaths);
    expect(again).toMatchObject({ imported: 0, duplicates: 5, rejected: [] });
  });

  it('links a study to the chart with the same MRN, and holds back one whose demographics disagree', async () => {
    const register = (fullName: string, birthDate: string, sex: 'male' | 'female') =>
      clinic.ok('frontdesk', 'patients.register', { patient: { fullName, sex, birthDate }, confirmedNotDuplicate: true });
    const zhang = await register('张三', '1980-01-01', 'male');
    const wang = await register('王芳', '1975-05-05', 'female');
    const dir = join(inbox, 'link');
    await writeFiles(dir, [
      dicomFile({ patientName: NAME_GB18030, patientId: zhang.mrn, birthDate: '19800101', sex: 'M' }),
      dicomFile({ patientName: 'WANG^FANG', patientId: wang.mrn, birthDate: '19750506', sex: 'F' }),
    ]);
    const report = await clinic.services.imports.run(null, [dir]);
    expect(report.imported).toBe(2);
    const linked = await clinic.ok('physician', 'imaging.studies.list', { patientId: zhang.id });
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ linkReason: 'mrn', patientId: zhang.id });
    expect(await clinic.ok('physician', 'imaging.studies.list', { patientId: wang.id })).toHaveLength(0);
    const waiting = await clinic.ok('frontdesk', 'imaging.studies.list', { unlinkedOnly: true, query: 'wang' });
    expect(waiting.map((s) => s.filePatient.patientId)).toEqual([wang.mrn]);
    const outbox = clinic.sql<{ entity: string }>("SELECT entity FROM outbox WHERE entity LIKE 'imaging_%'");
    expect(new Set(outbox.map((row) => row.entity))).toEqual(new Set(['imaging_study', 'imaging_series', 'imaging_instance']));
  });

  it('imports the files a DICOMDIR names, whatever their case on the medium', async () => {
    const cd = join(inbox, 'cd');
    await mkdir(join(cd, 'images'), { recursive: true });
    const uid = newUid();
    await writeFile(join(cd, 'images', 'im0001'), dicomFile({ sopUid: uid, patientId: 'CD-1' }));
    await writeFile(join(cd, 'DICOMDIR'), dicomDir(['IMAGES\\IM0001']));
    const report = await clinic.services.imports.run(null, [join(cd, 'DICOMDIR')]);
    expect(report).toMatchObject({ files: 1, imported: 1, rejected: [] });
  });

  it('imports reports, key objects and presentation states beside the images and lists their series flagged, refusing a DICOMDIR and an image without pixels', async () => {
    const folder = join(inbox, 'ct-cd');
    const studyUid = newUid();
    const imageSeriesUid = newUid();
    const common = { studyUid, patientName: NAME_GB18030, patientId: 'NI-1' };
    // Slice positions run against instance numbers: the images keep their volume order beside an object without a position.
    await writeFiles(join(folder, 'CT'), series({ ...common, seriesUid: imageSeriesUid, count: 3, seriesNumber: 2, seriesDescription: 'AXIAL', sliceThickness: -1 }));
    const sr = nonImageFile({ ...common, seriesNumber: 990, seriesDescription: 'DOSE REPORT', content: [{ type: 'TEXT', meaning: 'Comment', text: 'CTDIvol 40 mGy' }] });
    const ko = nonImageFile({ ...common, sopClassUid: KEY_OBJECT_SELECTION, modality: 'KO', seriesNumber: 991, seriesDescription: 'KEY IMAGES', content: [{ type: 'TEXT', meaning: 'Key Object Description', text: 'Lesion' }] });
    // A presentation state filed in the image series: the series stays an image series.
    const pr = nonImageFile({ ...common, seriesUid: imageSeriesUid, sopClassUid: GRAYSCALE_PRESENTATION_STATE, modality: 'PR', instanceNumber: 50 });
    await writeFiles(join(folder, 'OTHER'), [sr, ko, pr], 'OB');
    // Named otherwise, a DICOMDIR is a plain file of the scan and stays refused, as does an image that lost its pixels.
    await writeFile(join(folder, 'INDEX.DIR'), dicomDir(['CT\\IM0001.dcm']));
    const lostPixels = Buffer.from(dicomFile({ ...common, seriesUid: imageSeriesUid, instanceNumber: 9 }));
    const pixelTag = lostPixels.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00]));
    await writeFile(join(folder, 'NOPIXELS.dcm'), lostPixels.subarray(0, pixelTag));

    // The images first, so the series the presentation state joins is the CT series whatever order workers finish in.
    expect(await clinic.services.imports.run(null, [join(folder, 'CT')])).toMatchObject({ imported: 3 });
    const report = await clinic.services.imports.run(null, [folder]);
    expect(report).toMatchObject({ files: 8, imported: 3, duplicates: 3, studyIds: [expect.any(String)] });
    expect(Object.fromEntries(report.rejected.map((r) => [r.file, r.reason]))).toEqual({ [join(folder, 'INDEX.DIR')]: 'no-pixel-data', [join(folder, 'NOPIXELS.dcm')]: 'no-pixel-data' });
    expect(await clinic.services.imports.run(null, [join(folder, 'OTHER')])).toMatchObject({ imported: 0, duplicates: 3, rejected: [] });

    const [study] = await clinic.ok('physician', 'imaging.studies.list', { query: 'NI-1' });
    expect(study).toMatchObject({ seriesCount: 3, instanceCount: 6, modalities: ['CT', 'KO', 'SR'] });
    const list = await clinic.ok('physician', 'imaging.series.list', { studyId: study!.id });
    expect(list.map((s) => [s.modality, s.description, s.content, s.instances.length])).toEqual([
      ['CT', 'AXIAL', 'images', 4],
      ['SR', 'DOSE REPORT', 'structured-report', 1],
      ['KO', 'KEY IMAGES', 'key-objects', 1],
    ]);
    const [images, report990] = list;
    expect(images!.instances.map((i) => [i.instanceNumber, i.frameCount])).toEqual([[3, 1], [2, 1], [1, 1], [50, 0]]);
    expect(images!.instances[3]).toMatchObject({ sopClassUid: GRAYSCALE_PRESENTATION_STATE, rows: 0, columns: 0 });
    expect(report990!.instances[0]).toMatchObject({ frameCount: 0, rows: 0, columns: 0, sopClassUid: '1.2.840.10008.5.1.4.1.1.88.11' });
    // Replicated like images: every object goes to the sync outbox, with no frames.
    const outboxed = clinic.sql<{ fields: string }>("SELECT fields FROM outbox WHERE entity = 'imaging_instance'").map((row) => JSON.parse(row.fields) as { sopInstanceUid: string; frameCount: number });
    const srUid = dicomParser.parseDicom(sr).string('x00080018');
    expect(outboxed.find((fields) => fields.sopInstanceUid === srUid)).toMatchObject({ frameCount: 0, rows: 0 });
  });

  it('refuses relative paths from the renderer and pixel access for the front desk', async () => {
    const result = await clinic.call('frontdesk', 'imaging.import.start', { paths: ['relative/folder'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    const token = await clinic.call('frontdesk', 'imaging.media.token', {});
    expect(!token.ok && token.error.code).toBe('FORBIDDEN');
  });
});

/** A minimal DICOMDIR: one IMAGE record per referenced file (explicit VR LE, undefined-length items). */
function dicomDir(fileIds: string[]): Uint8Array {
  const element = (group: number, elem: number, vr: string, value: Buffer) => {
    const padded = value.byteLength % 2 ? Buffer.concat([value, Buffer.from(vr === 'UI' ? [0] : [0x20])]) : value;
    const head = Buffer.alloc(8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(elem, 2);
    head.write(vr, 4, 'ascii');
    head.writeUInt16LE(padded.byteLength, 6);
    return Buffer.concat([head, padded]);
  };
  const items = fileIds.map((id) => {
    const body = Buffer.concat([element(0x0004, 0x1430, 'CS', Buffer.from('IMAGE')), element(0x0004, 0x1500, 'CS', Buffer.from(id))]);
    const head = Buffer.alloc(8);
    head.writeUInt16LE(0xfffe, 0);
    head.writeUInt16LE(0xe000, 2);
    head.writeUInt32LE(body.byteLength, 4);
    return Buffer.concat([head, body]);
  });
  const seqBody = Buffer.concat(items);
  const seqHead = Buffer.alloc(12);
  seqHead.writeUInt16LE(0x0004, 0);
  seqHead.writeUInt16LE(0x1220, 2);
  seqHead.write('SQ', 4, 'ascii');
  seqHead.writeUInt32LE(seqBody.byteLength, 8);
  const meta = Buffer.concat([
    element(0x0002, 0x0002, 'UI', Buffer.from('1.2.840.10008.1.3.10')),
    element(0x0002, 0x0003, 'UI', Buffer.from(newUid())),
    element(0x0002, 0x0010, 'UI', Buffer.from('1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'ascii');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.byteLength, 8);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, meta, seqHead, seqBody]);
}
