import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../main/store/connection.node.ts';
import type { PatientInput } from '../../preload/contract/patients.ts';
import { ADMIN, testClinic, type TestClinic } from '../unit/helpers/clinic.ts';
import { startCdsService, type TestCdsService } from './support/cds-service.ts';

const PATIENT: PatientInput = {
  fullName: '欧阳娜娜',
  sex: 'female',
  birthDate: '1958-04-17',
  phones: ['13812345678'],
  identifier: { type: 'passport', value: 'E98765432' },
  address: '上海市徐汇区漕溪北路595号 12楼',
  insurance: { provider: '上海医保', number: 'SH-INS-778899' },
  emergencyContact: { name: '欧阳峰', phone: '13987654321', relation: '丈夫' },
  allergies: 'has',
  notes: '请联系欧阳峰 13987654321',
};
const TOKEN = 'test-bearer-token-42';
const MINUTE = 60_000;

describe('CDS Hooks client', () => {
  let clinic: TestClinic;
  let service: TestCdsService;
  let patientId: string;
  let mrn: string;
  let serverId: string;

  beforeEach(async () => {
    service = await startCdsService();
    clinic = await testClinic();
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    await clinic.ok('a', 'accounts.create', { username: 'drzhao', displayName: 'Dr Zhao', role: 'physician', password: 'staff password 1' });
    await clinic.ok('p', 'session.login', { username: 'drzhao', password: 'staff password 1' });
    const registered = await clinic.ok('a', 'patients.register', { patient: PATIENT, confirmedNotDuplicate: true });
    patientId = registered.id;
    mrn = registered.mrn;
    // Chart entries, with the patient's own name and phone in free text, as real notes have them.
    const now = clinic.clock.now();
    const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
    try {
      db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
        VALUES ('enc-1', ?, ?, 'Dr Zhao', '头晕 欧阳娜娜 自述', '丈夫欧阳峰陪同, 电话 13987654321', '', '高血压待查', '复查', '', 'draft', 'Dr Zhao', ?, ?)`).run([patientId, now - 86_400_000, now, now]);
      db.prepare("INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES ('enc-1', 0, 'I10', '原发性高血压')").run();
      db.prepare(`INSERT INTO vital_signs (id, patient_id, at, encounter_id, systolic, diastolic, heart_rate, recorded_by_name, created_at, updated_at)
        VALUES ('vit-1', ?, ?, 'enc-1', 162, 98, 80, 'Dr Zhao', ?, ?)`).run([patientId, now - 86_400_000, now, now]);
    } finally {
      db.close();
    }
    const server = await clinic.ok('a', 'analytics.cds.servers.save', { name: 'Hypertension advisor', baseUrl: `${service.baseUrl}/`, credential: TOKEN, timeoutMs: 2_000 });
    serverId = server.id;
    expect(server).toMatchObject({ baseUrl: service.baseUrl, hasCredential: true, services: [] });
    expect(JSON.stringify(server)).not.toContain(TOKEN);
    const discovered = await clinic.ok('a', 'analytics.cds.servers.discover', { id: serverId });
    expect(discovered.services.map((s) => `${s.hook}:${s.id}`)).toEqual(['patient-view:bp-advice', 'encounter-start:visit-checklist', 'order-select:order-check']);
  }, 60_000);

  afterEach(async () => {
    await clinic.cleanup();
    await service.close();
  });

  /** Queues a call and waits for the sync worker's run it set off (the request itself waits only briefly). */
  const request = async (hook: 'patient-view' | 'encounter-start' | 'order-select', encounterId?: string) => {
    await clinic.ok('p', 'analytics.cds.request', { patientId, hook, ...(encounterId ? { encounterId } : {}) });
    await clinic.services.cds.dispatch();
  };

  it('sends a de-identified prefetch and shows the cards, which a physician accepts as drafts or dismisses with a reason', async () => {
    await request('patient-view');
    // No sync target is set up: the worker started for the CDS queue alone.
    expect(clinic.services.sync.controller.running).toBe(true);
    const advice = await clinic.ok('p', 'analytics.cds.advice', { patientId });
    expect(advice.requests).toMatchObject([{ serverName: 'Hypertension advisor', serviceId: 'bp-advice', hook: 'patient-view', status: 'done', attempts: 1 }]);
    expect(advice.cards).toMatchObject([{ serverName: 'Hypertension advisor', serviceId: 'bp-advice', status: 'new', card: { indicator: 'warning', source: { label: 'Test CDS service' } } }]);

    expect(service.calls).toHaveLength(1);
    const [call] = service.calls;
    expect(call!.authorization).toBe(`Bearer ${TOKEN}`);
    const body = call!.body;
    expect(body).toMatchObject({ hook: 'patient-view', hookInstance: expect.stringMatching(/^[0-9a-f-]{36}$/), context: { patientId: expect.any(String), userId: expect.stringMatching(/^Practitioner\//) } });
    expect(body).not.toHaveProperty('fhirServer');
    expect(body).not.toHaveProperty('fhirAuthorization');
    expect(body.prefetch.patient).toMatchObject({ resourceType: 'Patient', id: body.context.patientId, gender: 'female' });
    expect(body.prefetch.conditions).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });

    // None of the chart's identifying values, in any field or in free text.
    const sent = JSON.stringify(body);
    const identifying = [
      PATIENT.fullName,
      '欧阳',
      'ouyang',
      mrn,
      patientId,
      '13812345678',
      'E98765432',
      '漕溪北路',
      'SH-INS-778899',
      '欧阳峰',
      '13987654321',
      PATIENT.birthDate,
      'enc-1',
      'vit-1',
      'Dr Zhao',
    ];
    for (const value of identifying) expect(sent.toLowerCase(), value).not.toContain(value.toLowerCase());

    const [card] = advice.cards;
    const accepted = await clinic.ok('p', 'analytics.cds.cards.accept', { cardId: card!.id });
    expect(accepted).toMatchObject({ status: 'accepted', decidedByName: 'Dr Zhao' });
    const drafts = await clinic.ok('p', 'analytics.cds.drafts', { patientId });
    expect(drafts).toMatchObject([{ resourceType: 'Condition', status: 'draft', resource: { code: { coding: [{ code: 'I10' }] } } }]);

    await request('encounter-start', 'enc-1');
    expect(service.calls[1]!.body.context.encounterId).toMatch(/^[0-9a-f-]{36}$/);
    const second = (await clinic.ok('p', 'analytics.cds.advice', { patientId })).cards.find((c) => c.status === 'new')!;
    expect(await clinic.ok('p', 'analytics.cds.cards.dismiss', { cardId: second.id, reason: 'Already treated' })).toMatchObject({ status: 'dismissed', decisionReason: 'Already treated' });

    const audit = await clinic.ok('a', 'audit.query', { limit: 100 });
    const kinds = audit.entries.filter((e) => e.patientId === patientId).map((e) => `${e.action}:${e.entityType}`);
    expect(kinds).toEqual(expect.arrayContaining(['export:patient', 'record.create:cds-card', 'record.update:cds-card', 'record.read:cds-advice']));
    // Only physicians and administrators; the front desk cannot configure either.
    expect(await clinic.call('p', 'analytics.cds.servers.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps a call through 500, malformed JSON, slowness and downtime, with a clear status, and retries it later', async () => {
    const statusOf = async () => (await clinic.ok('p', 'analytics.cds.advice', { patientId })).requests[0]!;
    // Past any backoff so far (and the circuit's open minute), within the 10-minute idle lock; both sessions stay in use.
    const retryLater = async () => {
      clinic.clock.advance(4 * MINUTE);
      await clinic.services.cds.dispatch();
      await clinic.ok('a', 'analytics.cds.servers.list', {});
      await clinic.ok('p', 'analytics.cds.advice', { patientId });
    };

    // Main's clock runs ahead of the worker's own, so the worker's retry timer leaves these calls to the test's nudges.
    await retryLater();
    service.mode = 'error-500';
    await request('patient-view');
    expect(await statusOf()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'server-error', nextAttemptAt: expect.any(Number) });
    // Not due yet: nothing is sent.
    await clinic.services.cds.dispatch();
    expect(service.calls).toHaveLength(1);

    service.mode = 'malformed';
    await retryLater();
    expect(await statusOf()).toMatchObject({ status: 'pending', attempts: 2, lastError: 'malformed' });

    service.mode = 'slow';
    await retryLater();
    expect(await statusOf()).toMatchObject({ status: 'pending', attempts: 3, lastError: 'timeout' });
    // Three failures in a row open the circuit: further calls wait, and say why.
    expect((await clinic.ok('a', 'analytics.cds.servers.list', {}))[0]).toMatchObject({ failures: 3, openUntil: expect.any(Number) });
    clinic.clock.advance(30_000);
    await request('order-select');
    const held = (await clinic.ok('p', 'analytics.cds.advice', { patientId })).requests.find((r) => r.hook === 'order-select')!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0, lastError: 'circuit-open' });

    await service.stop();
    await retryLater();
    const down = await clinic.ok('p', 'analytics.cds.advice', { patientId });
    // Half-open: one trial call, refused by the stopped service.
    expect(down.requests.filter((r) => r.lastError === 'unreachable')).toHaveLength(1);
    expect(down.cards).toEqual([]);

    await service.restart();
    service.mode = 'ok';
    for (let round = 0; round < 3; round++) await retryLater();
    const recovered = await clinic.ok('p', 'analytics.cds.advice', { patientId });
    expect(recovered.requests.map((r) => r.status)).toEqual(['done', 'done']);
    expect(recovered.cards).toHaveLength(2);
    expect((await clinic.ok('a', 'analytics.cds.servers.list', {}))[0]).toMatchObject({ failures: 0, openUntil: null });
    // Every attempt carried the same queued body: nothing was rebuilt or lost.
    const bodies = new Set(service.calls.filter((c) => c.body.hook === 'patient-view').map((c) => c.body.hookInstance));
    expect(bodies.size).toBe(1);
  });

  it('gives up at once on refused credentials, and says so', async () => {
    service.mode = 'unauthorised';
    await request('patient-view');
    expect((await clinic.ok('p', 'analytics.cds.advice', { patientId })).requests[0]).toMatchObject({ status: 'failed', lastError: 'unauthorised', nextAttemptAt: null });
  });

  /** The patient's request statuses once the worker has moved the first one past `pending` (or 20 s). */
  const settled = async () => {
    let status = await clinic.ok('p', 'analytics.cds.status', { patientId });
    for (const deadline = Date.now() + 20_000; status[0]!.status === 'pending' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await clinic.ok('p', 'analytics.cds.status', { patientId });
    }
    return status;
  };

  it('sends a waiting retry at once on "Sync now"', async () => {
    // Main's clock ahead of the worker's: the retry's own time is minutes away for the worker's timer.
    clinic.clock.advance(2 * MINUTE);
    service.mode = 'error-500';
    await request('patient-view');
    expect((await clinic.ok('p', 'analytics.cds.status', { patientId }))[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: expect.any(Number) });
    service.mode = 'ok';
    await clinic.ok('a', 'sync.now', {});
    expect(await settled()).toMatchObject([{ status: 'done', attempts: 2 }]);
    expect(service.calls).toHaveLength(2);
  });

  it('sends a call queued while the service was down once the app is back, without being asked', async () => {
    await service.stop();
    await request('patient-view');
    expect((await clinic.ok('p', 'analytics.cds.status', { patientId }))[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'unreachable' });

    // The app closes with the call still queued; the service comes back; a later sign-in sets the worker off.
    await clinic.reopen();
    await service.restart();
    clinic.clock.advance(4 * MINUTE);
    await clinic.ok('p', 'session.login', { username: 'drzhao', password: 'staff password 1' });
    expect(await settled()).toMatchObject([{ status: 'done', attempts: 2, lastError: null }]);
    expect((await clinic.ok('p', 'analytics.cds.advice', { patientId })).cards).toHaveLength(1);
    expect(service.calls).toHaveLength(1);
  }, 60_000);
});
