import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsForwardStatus } from '../../preload/contract/imaging.ts';
import { series, writeFiles } from '../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../unit/patients/helpers.ts';
import { freePort, startOrthanc } from './support/orthanc.ts';

/**
 * The PACS as a second sync target: studies imported on a workstation after forwarding is turned on for a DICOMweb
 * server reach it in the background (main/imaging/pacs/forwarder.ts), against a real Orthanc on loopback.
 */
describe('forwarding new studies to a PACS (Orthanc)', () => {
  let dir: string;
  let orthanc: { baseUrl: string; process: ChildProcess };
  let clinic: PatientClinic;
  let refusing: Server;
  let refusingUrl: string;
  let batch = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cw-forward-'));
    orthanc = await startOrthanc(dir);
    clinic = await patientClinic();
    // A DICOMweb address that refuses every request's credentials.
    refusing = createServer((_request, response) => response.writeHead(401).end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    refusingUrl = `http://127.0.0.1:${(refusing.address() as { port: number }).port}/dicom-web`;
  });
  afterAll(async () => {
    orthanc?.process.kill();
    refusing?.close();
    await clinic?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** Imports a new study of `count` images for `patientId`, and waits for the forwarding round it starts. */
  async function importStudy(patientId: string, count: number): Promise<{ studyUid: string; sopUids: string[] }> {
    const files = series({ count, rows: 32, columns: 32, patientId });
    const folder = join(dir, `in-${++batch}`);
    await writeFiles(folder, files);
    expect((await clinic.services.imports.run(null, [folder])).imported).toBe(count);
    await clinic.services.forwarder.idle();
    const uid = (file: Uint8Array, tag: string) => dicomParser.parseDicom(file).string(tag)!;
    return { studyUid: uid(files[0]!, 'x0020000d'), sopUids: files.map((file) => uid(file, 'x00080018')) };
  }

  /** The SOP Instance UIDs Orthanc holds for a study (QIDO-RS). */
  async function inOrthanc(studyUid: string): Promise<string[]> {
    const response = await fetch(`${orthanc.baseUrl}/studies/${studyUid}/instances`, { headers: { Accept: 'application/dicom+json' } });
    if (response.status === 404 || response.status === 204) return [];
    const instances = (await response.json()) as Record<string, { Value?: string[] }>[];
    return instances.map((instance) => instance['00080018']!.Value![0]!).sort();
  }

  async function forwarding(pacsId: string): Promise<PacsForwardStatus | undefined> {
    return (await clinic.ok('admin', 'sync.status', {})).pacsForwarding.find((server) => server.pacsId === pacsId);
  }

  let orthancId: string;

  it('sends the studies imported after forwarding is turned on, and only those', async () => {
    const before = await importStudy('FWD-BEFORE', 2);
    orthancId = (await clinic.ok('admin', 'imaging.pacs.save', { name: 'Orthanc', baseUrl: orthanc.baseUrl, auth: 'none', forwardNew: true })).id;
    const after = await importStudy('FWD-AFTER', 3);

    expect(await inOrthanc(after.studyUid)).toEqual([...after.sopUids].sort());
    expect(await inOrthanc(before.studyUid)).toEqual([]);
    expect(await forwarding(orthancId)).toMatchObject({ name: 'Orthanc', pending: 0, sent: 3, refused: 0, stopped: null, problem: null, lastSuccessAt: expect.any(Number) });
    // Listed with the server's settings too.
    expect((await clinic.ok('admin', 'imaging.pacs.list', {})).find((server) => server.id === orthancId)?.forwardNew).toBe(true);
  });

  it('does not send a study retrieved from the PACS back to it', async () => {
    // A study the PACS has and this workstation has not: sent there by another workstation's forwarding.
    const other = await patientClinic();
    try {
      await other.ok('admin', 'imaging.pacs.save', { name: 'Orthanc', baseUrl: orthanc.baseUrl, auth: 'none', forwardNew: true });
      const files = series({ count: 2, rows: 32, columns: 32, patientId: 'FWD-ELSEWHERE' });
      await writeFiles(join(dir, 'elsewhere'), files);
      expect((await other.services.imports.run(null, [join(dir, 'elsewhere')])).imported).toBe(2);
      await other.services.forwarder.idle();
      const studyUid = dicomParser.parseDicom(files[0]!).string('x0020000d')!;
      expect(await inOrthanc(studyUid)).toHaveLength(2);

      const { jobId } = await clinic.ok('frontdesk', 'imaging.pacs.retrieve', { pacsId: orthancId, studyInstanceUid: studyUid });
      for (;;) {
        const job = await clinic.ok('frontdesk', 'imaging.pacs.job', { jobId });
        if (job.state !== 'running') {
          expect(job).toMatchObject({ state: 'succeeded', succeeded: 2 });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await clinic.services.forwarder.idle();
      expect(await forwarding(orthancId)).toMatchObject({ pending: 0, sent: 3 });
      const queued = clinic.sql<{ n: number }>('SELECT count(*) AS n FROM imaging_pacs_forward');
      expect(queued).toEqual([{ n: 0 }]);
    } finally {
      await other.cleanup();
    }
  });

  it('keeps what waits while a PACS cannot be reached, and sends it once it can', async () => {
    const down = `http://127.0.0.1:${await freePort()}/dicom-web`;
    const second = await clinic.ok('admin', 'imaging.pacs.save', { name: 'Second', baseUrl: down, auth: 'none', forwardNew: true });
    const study = await importStudy('FWD-DOWN', 2);
    expect(await forwarding(second.id)).toMatchObject({ pending: 2, sent: 0, stopped: null, problem: { failure: 'unreachable' } });
    // The first server was not held up by the second.
    expect(await inOrthanc(study.studyUid)).toHaveLength(2);

    // Pointed at a PACS that answers: saving it starts a round.
    await clinic.ok('admin', 'imaging.pacs.save', { id: second.id, name: 'Second', baseUrl: orthanc.baseUrl, auth: 'none', forwardNew: true });
    await clinic.services.forwarder.idle();
    expect(await forwarding(second.id)).toMatchObject({ pending: 0, sent: 2, problem: null });
  });

  it('stops a server that refuses the credentials, keeping its queue, until its settings change', async () => {
    const third = await clinic.ok('admin', 'imaging.pacs.save', { name: 'Refusing', baseUrl: refusingUrl, auth: 'basic', username: 'desk', secret: 'wrong', forwardNew: true });
    await importStudy('FWD-REFUSED', 1);
    expect(await forwarding(third.id)).toMatchObject({ pending: 1, stopped: 'unauthorized' });
    // A later import does not try it again; "Sync now" does (and it still refuses).
    await importStudy('FWD-REFUSED-2', 1);
    expect(await forwarding(third.id)).toMatchObject({ pending: 2, stopped: 'unauthorized' });
    await clinic.ok('admin', 'sync.now', {});
    await clinic.services.forwarder.idle();
    expect(await forwarding(third.id)).toMatchObject({ pending: 2, stopped: 'unauthorized' });

    // Turned off: it is no longer a target, and what waited is not sent later.
    await clinic.ok('admin', 'imaging.pacs.save', { id: third.id, name: 'Refusing', baseUrl: refusingUrl, auth: 'basic', username: 'desk', forwardNew: false });
    expect(await forwarding(third.id)).toBeUndefined();
    expect(clinic.sql<{ n: number }>('SELECT count(*) AS n FROM imaging_pacs_forward WHERE pacs_id = ?', [third.id])).toEqual([{ n: 0 }]);
  });
});
