import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_GB18030, nonImageFile, series, writeFiles } from '../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../unit/patients/helpers.ts';
import { freePort, startOrthanc } from './support/orthanc.ts';

function pixelData(bytes: Uint8Array): Buffer {
  const dataSet = dicomParser.parseDicom(bytes);
  const element = dataSet.elements.x7fe00010!;
  return Buffer.from(bytes.subarray(element.dataOffset, element.dataOffset + element.length));
}

async function waitForJob(clinic: PatientClinic, connection: 'frontdesk' | 'radiologist', jobId: string) {
  for (;;) {
    const job = await clinic.ok(connection, 'imaging.pacs.job', { jobId });
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('PACS over DICOMweb (Orthanc)', () => {
  let dir: string;
  let orthanc: { baseUrl: string; process: ChildProcess };
  let sender: PatientClinic;
  let receiver: PatientClinic;
  let originals: Uint8Array[];
  const patientId = `PACS-${Date.now()}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cw-orthanc-'));
    orthanc = await startOrthanc(dir);
    [sender, receiver] = await Promise.all([patientClinic(), patientClinic()]);
  });
  afterAll(async () => {
    orthanc?.process.kill();
    await Promise.all([sender?.cleanup(), receiver?.cleanup()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function configure(clinic: PatientClinic, baseUrl = orthanc.baseUrl) {
    return clinic.ok('admin', 'imaging.pacs.save', { name: 'Orthanc', baseUrl, auth: 'none' });
  }

  it('sends a study (STOW-RS), finds it (QIDO-RS) and retrieves it (WADO-RS) with byte-identical pixel data and its report', async () => {
    originals = series({ count: 4, rows: 64, columns: 64, patientName: NAME_GB18030, patientId, pixel: (x, y, f) => ((x * 31 + y * 17 + f * 7) % 4000) - 1000 });
    const sentStudyUid = dicomParser.parseDicom(originals[0]!).string('x0020000d')!;
    // A dose report beside the images: an object without pixel data travels with its study both ways.
    const doseReport = nonImageFile({ studyUid: sentStudyUid, patientName: NAME_GB18030, patientId, seriesDescription: 'DOSE REPORT', content: [{ type: 'TEXT', meaning: 'Comment', text: 'CTDIvol 12 mGy' }] });
    await writeFiles(join(dir, 'in'), [...originals, doseReport]);
    const imported = await sender.services.imports.run(null, [join(dir, 'in')]);
    expect(imported.imported).toBe(5);
    const studyId = imported.studyIds[0]!;

    const pacs = await configure(sender);
    expect(await sender.ok('frontdesk', 'imaging.pacs.test', { id: pacs.id })).toEqual({ ok: true, failure: null });
    const { jobId } = await sender.ok('frontdesk', 'imaging.pacs.send', { pacsId: pacs.id, studyId });
    const sent = await waitForJob(sender, 'frontdesk', jobId);
    expect(sent).toMatchObject({ state: 'succeeded', succeeded: 5, failed: 0, done: 5, total: 5 });

    const other = await configure(receiver);
    const found = await receiver.ok('frontdesk', 'imaging.pacs.search', { pacsId: other.id, patientId });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ patientId });
    expect([...found[0]!.modalities].sort()).toEqual(['CT', 'SR']);
    const studyUid = found[0]!.studyInstanceUid;

    const retrieval = await receiver.ok('frontdesk', 'imaging.pacs.retrieve', { pacsId: other.id, studyInstanceUid: studyUid });
    const retrieved = await waitForJob(receiver, 'frontdesk', retrieval.jobId);
    expect(retrieved).toMatchObject({ state: 'succeeded', succeeded: 5, duplicates: 0, failed: 0 });
    const [study] = await receiver.ok('radiologist', 'imaging.studies.list', { query: patientId });
    expect(study!.filePatient.name).toBe(NAME_GB18030.decoded);
    const [localSeries, localReport] = await receiver.ok('radiologist', 'imaging.series.list', { studyId: study!.id });
    const { token } = await receiver.ok('radiologist', 'imaging.media.token', {});
    const bySop = new Map(originals.map((file) => [dicomParser.parseDicom(file).string('x00080018')!, file]));
    expect(localSeries!.instances).toHaveLength(4);
    for (const instance of localSeries!.instances) {
      const response = await receiver.services.media(new Request(`app://workstation/media/instances/${instance.id}?token=${token}`));
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(pixelData(bytes).equals(pixelData(bySop.get(instance.sopInstanceUid)!))).toBe(true);
    }
    expect(localReport).toMatchObject({ modality: 'SR', description: 'DOSE REPORT', content: 'structured-report' });
    const reportSop = dicomParser.parseDicom(doseReport).string('x00080018');
    expect(localReport!.instances.map((instance) => [instance.sopInstanceUid, instance.frameCount])).toEqual([[reportSop, 0]]);
    const stored = await receiver.services.media(new Request(`app://workstation/media/instances/${localReport!.instances[0]!.id}?token=${token}`));
    const storedReport = dicomParser.parseDicom(new Uint8Array(await stored.arrayBuffer()));
    expect(storedReport.elements.x0040a730?.items?.[0]?.dataSet?.string('x0040a160')).toBe('CTDIvol 12 mGy');

    // Retrieving again adds nothing.
    const again = await receiver.ok('frontdesk', 'imaging.pacs.retrieve', { pacsId: other.id, studyInstanceUid: studyUid });
    expect(await waitForJob(receiver, 'frontdesk', again.jobId)).toMatchObject({ state: 'succeeded', succeeded: 0, duplicates: 5 });
  });

  it('explains a wrong address and keeps credentials out of the server list', async () => {
    const wrong = await sender.ok('admin', 'imaging.pacs.save', { name: 'Wrong', baseUrl: `${orthanc.baseUrl}/nothing-here`, auth: 'basic', username: 'pacs', secret: 'pacs-password' });
    expect(wrong).toMatchObject({ hasSecret: true, username: 'pacs' });
    expect(JSON.stringify(await sender.ok('frontdesk', 'imaging.pacs.list', {}))).not.toContain('pacs-password');
    const result = await sender.ok('frontdesk', 'imaging.pacs.test', { id: wrong.id });
    expect(result).toEqual({ ok: false, failure: 'not-found' });
    const closedPort = await freePort();
    const down = await sender.ok('admin', 'imaging.pacs.save', { name: 'Down', baseUrl: `http://127.0.0.1:${closedPort}/dicom-web`, auth: 'none' });
    expect(await sender.ok('frontdesk', 'imaging.pacs.test', { id: down.id })).toEqual({ ok: false, failure: 'unreachable' });
    const search = await sender.call('frontdesk', 'imaging.pacs.search', { pacsId: down.id });
    expect(!search.ok && search.error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'unreachable' } });
  });
});
