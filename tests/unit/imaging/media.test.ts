import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange } from '../../../main/media/handler.ts';
import { MEDIA_TOKEN_TTL_MS } from '../../../main/media/tokens.ts';
import { dicomFile, writeFiles } from '../../fixtures/dicom/generate.ts';
import { patientClinic, type PatientClinic } from '../patients/helpers.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

let clinic: PatientClinic;
let inbox: string;
let instanceId: string;
let original: Uint8Array;

beforeAll(async () => {
  clinic = await patientClinic();
  inbox = await mkdtemp(join(tmpdir(), 'cw-media-'));
  original = dicomFile({ rows: 200, columns: 200 });
  await writeFiles(inbox, [original]);
  await clinic.services.imports.run(null, [inbox]);
  const [study] = await clinic.ok('radiologist', 'imaging.studies.list', {});
  const [series] = await clinic.ok('radiologist', 'imaging.series.list', { studyId: study!.id });
  instanceId = series!.instances[0]!.id;
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await clinic.cleanup();
  await rm(inbox, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

const get = (path: string, headers: Record<string, string> = {}) => clinic.services.media(new Request(`app://workstation${path}`, { headers }));

describe('/media/instances', () => {
  it('streams the decrypted file to a valid token, and byte ranges of it', async () => {
    const { token } = await clinic.ok('radiologist', 'imaging.media.token', {});
    const whole = await get(`/media/instances/${instanceId}?token=${token}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/dicom');
    expect(whole.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await whole.arrayBuffer()).equals(original)).toBe(true);

    const part = await get(`/media/instances/${instanceId}?token=${token}`, { range: 'bytes=70000-70999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 70000-70999/${original.byteLength}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(original.subarray(70000, 71000)))).toBe(true);
  });

  it('answers 401 without a live token, 404 for unknown ids, and never leaks details', async () => {
    const { token } = await clinic.ok('physician', 'imaging.media.token', {});
    expect((await get(`/media/instances/${instanceId}`)).status).toBe(401);
    expect((await get(`/media/instances/${instanceId}?token=forged`)).status).toBe(401);
    expect((await get(`/media/instances/00000000-0000-7000-8000-000000000000?token=${token}`)).status).toBe(404);
    expect((await get(`/media/instances/../../records.db?token=${token}`)).status).toBe(404);
    expect((await get(`/media/other/${instanceId}?token=${token}`)).status).toBe(404);
  });

  it('stops honouring a token when its session signs out or locks', async () => {
    const { token } = await clinic.ok('radiologist', 'imaging.media.token', {});
    expect((await get(`/media/instances/${instanceId}?token=${token}`)).status).toBe(200);
    await clinic.ok('radiologist', 'session.lock', {});
    expect((await get(`/media/instances/${instanceId}?token=${token}`)).status).toBe(401);
    await clinic.ok('radiologist', 'session.logout', {});
    expect((await get(`/media/instances/${instanceId}?token=${token}`)).status).toBe(401);
  });

  it('audits a view saved as PNG as an export of its study, for image viewers only', async () => {
    const [study] = await clinic.ok('physician', 'imaging.studies.list', {});
    expect(await clinic.ok('physician', 'imaging.studies.viewExported', { studyId: study!.id })).toBeNull();
    const { entries } = await clinic.ok('admin', 'audit.query', { action: 'export', limit: 5 });
    expect(entries[0]).toMatchObject({ username: 'physician', entityType: 'imaging_study', entityId: study!.id, detail: 'view.png' });
    const denied = await clinic.call('frontdesk', 'imaging.studies.viewExported', { studyId: study!.id });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    const unknown = await clinic.call('physician', 'imaging.studies.viewExported', { studyId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('expires tokens after their lifetime', async () => {
    const { token, expiresAt } = await clinic.ok('physician', 'imaging.media.token', {});
    expect(expiresAt).toBe(clinic.clock.now() + MEDIA_TOKEN_TTL_MS);
    clinic.clock.advance(MEDIA_TOKEN_TTL_MS + 1);
    // The idle lock (same ten minutes) locked the window meanwhile: unlocking does not revive the token.
    await clinic.ok('physician', 'session.unlock', { password: 'staff password 123' });
    expect((await get(`/media/instances/${instanceId}?token=${token}`)).status).toBe(401);
    const fresh = await clinic.ok('physician', 'imaging.media.token', {});
    expect((await get(`/media/instances/${instanceId}?token=${fresh.token}`)).status).toBe(200);
  });

  it('parses single byte ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 10]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 100]);
    expect(parseRange('bytes=-5', 100)).toEqual([95, 100]);
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange(null, 100)).toBeNull();
  });
});
