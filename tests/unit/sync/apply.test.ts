import type Database from '@signalapp/sqlcipher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patientQueries } from '../../../main/patients/queries.node.ts';
import type { PatientFields } from '../../../main/patients/rows.node.ts';
import { applyBatch, applyBatches } from '../../../main/sync/apply.node.ts';
import type { Batch, WireChange } from '../../../main/sync/batch.ts';
import { saveTarget } from '../../../main/sync/targets.node.ts';
import { audit, openStore } from './helpers.ts';

let dir: string;
let source: Database;
let replica: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-sync-apply-'));
  source = openStore(join(dir, 'source.db'), 'ws-source');
  replica = openStore(join(dir, 'replica.db'), 'ws-replica');
  const config = { endpoint: null, region: 'us-east-1', bucket: 'b', prefix: '', forcePathStyle: true };
  replica.transaction(() => saveTarget(replica, { id: 't', name: 'T', config, credentials: null }, 1))();
});

afterEach(() => {
  source.close();
  replica.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields = (fullName: string, identifier: PatientFields['identifier'] = null): PatientFields =>
  ({ fullName, familyName: null, givenName: null, sex: 'male', birthDate: '1970-01-01', phones: [], identifier, address: null, insurance: null, emergencyContact: null, allergies: 'unknown', notes: null }) as unknown as PatientFields;

function outboxBatch(db: Database, workstation: string, object: number, fromSeq = 0): Batch {
  const changes = db
    .prepare('SELECT hlc, entity, entity_id, op, fields FROM outbox WHERE seq > ? ORDER BY seq')
    .all<{ hlc: string; entity: string; entity_id: string; op: WireChange['op']; fields: string }>([fromSeq])
    .map((row) => ({ hlc: row.hlc, entity: row.entity, entityId: row.entity_id, op: row.op, fields: JSON.parse(row.fields) as Record<string, unknown> }));
  return { version: 1, workstation, object, changes };
}

const count = (db: Database, sql: string) => Number(db.prepare(sql, { pluck: true }).get());

describe('applying a batch', () => {
  it('writes rows, search and phones, never the outbox, and skips a batch applied before', () => {
    const patient = source.transaction(() => patientQueries.register(source, { ...fields('李雷'), phones: ['13800138000'] }, true, audit()))();
    const batch = outboxBatch(source, 'ws-source', 1);
    expect(applyBatch(replica, 't', batch, Date.now())).toEqual({ applied: true, changes: 1 });
    expect(applyBatch(replica, 't', batch, Date.now())).toEqual({ applied: false, changes: 0 });
    expect(count(replica, 'SELECT count(*) FROM outbox')).toBe(0);
    expect(count(replica, 'SELECT count(*) FROM patients')).toBe(1);
    expect(replica.prepare('SELECT mrn, full_name, pinyin FROM patients').get()).toEqual({ mrn: patient.mrn, full_name: '李雷', pinyin: 'li lei' });
    expect(count(replica, `SELECT count(*) FROM patient_search WHERE patient_search MATCH 'lilei'`)).toBe(1);
    expect(count(replica, `SELECT count(*) FROM patient_phones WHERE phone_digits = '13800138000'`)).toBe(1);
    // Local edits afterwards sort after what was received.
    const local = replica.prepare('SELECT last FROM hlc_state', { pluck: true }).get() as string;
    expect(local > batch.changes[0]!.hlc).toBe(true);
  });

  it('applies consecutive objects in one transaction, rebuilding an entity changed in several once', () => {
    const patient = source.transaction(() => patientQueries.register(source, fields('林黛玉'), true, audit()))();
    const first = outboxBatch(source, 'ws-source', 1);
    source.transaction(() => patientQueries.update(source, patient.id, { ...fields('林黛玉'), address: '苏州' } as unknown as PatientFields, patient.updatedAt, audit('record.update', Date.now() + 1)))();
    const second = outboxBatch(source, 'ws-source', 2, first.changes.length);
    replica.exec(`CREATE TABLE writes (n INTEGER); CREATE TRIGGER count_insert AFTER INSERT ON patients BEGIN INSERT INTO writes VALUES (1); END;
      CREATE TRIGGER count_update AFTER UPDATE ON patients BEGIN INSERT INTO writes VALUES (1); END;`);
    expect(applyBatches(replica, 't', [first, second], Date.now())).toEqual([
      { applied: true, changes: 1 },
      { applied: true, changes: 1 },
    ]);
    expect(count(replica, 'SELECT count(*) FROM writes')).toBe(1);
    expect(replica.prepare('SELECT address FROM patients', { pluck: true }).get()).toBe('苏州');
    expect(replica.prepare('SELECT next_object, changes_applied FROM sync_cursors').get()).toEqual({ next_object: 3, changes_applied: 2 });
    // Delivered again (a retried round): nothing applied twice.
    expect(applyBatches(replica, 't', [first, second], Date.now()).map((result) => result.applied)).toEqual([false, false]);
    expect(count(replica, 'SELECT count(*) FROM writes')).toBe(1);
  });

  it('rolls a failing batch back entirely, cursor included', () => {
    source.transaction(() => patientQueries.register(source, fields('韩梅梅'), true, audit()))();
    const batch = outboxBatch(source, 'ws-source', 1);
    const broken: Batch = { ...batch, changes: [...batch.changes, { ...batch.changes[0]!, entity: 'patient', entityId: 'p-x', fields: { fullName: 42 } }] };
    replica.exec('CREATE TRIGGER fail_once BEFORE INSERT ON patients BEGIN SELECT RAISE(ABORT, \'disk full\'); END');
    expect(() => applyBatch(replica, 't', broken, Date.now())).toThrow('disk full');
    replica.exec('DROP TRIGGER fail_once');
    expect(count(replica, 'SELECT count(*) FROM sync_entity_state')).toBe(0);
    expect(count(replica, 'SELECT count(*) FROM sync_cursors')).toBe(0);
    expect(applyBatch(replica, 't', batch, Date.now()).applied).toBe(true);
  });

  it('waits for a merge target that has not arrived, then re-points', () => {
    // Two patients from the source; the replica first receives only the merge (from a third desk's batch).
    const a = source.transaction(() => patientQueries.register(source, fields('甲'), true, audit()))();
    const b = source.transaction(() => patientQueries.register(source, fields('乙'), true, audit()))();
    const creates = outboxBatch(source, 'ws-source', 1);
    const merge: Batch = { version: 1, workstation: 'ws-third', object: 1, changes: [{ hlc: '999999999999999-000000-ws-third', entity: 'patient', entityId: b.id, op: 'merge', fields: { mergedInto: a.id } }] };
    applyBatch(replica, 't', merge, Date.now());
    expect(count(replica, 'SELECT count(*) FROM sync_pending')).toBe(1);
    applyBatch(replica, 't', creates, Date.now());
    expect(count(replica, 'SELECT count(*) FROM sync_pending')).toBe(0);
    expect(replica.prepare('SELECT merged_into FROM patients WHERE id = ?', { pluck: true }).get([b.id])).toBe(a.id);
  });

  it('settles concurrent merges into each other: the later merge is void, the same on every replica', () => {
    const a = source.transaction(() => patientQueries.register(source, fields('丙'), true, audit()))();
    const b = source.transaction(() => patientQueries.register(source, fields('丁'), true, audit()))();
    const creates = outboxBatch(source, 'ws-source', 1);
    const early: Batch = { version: 1, workstation: 'ws-x', object: 1, changes: [{ hlc: '900000000000000-000000-ws-x', entity: 'patient', entityId: a.id, op: 'merge', fields: { mergedInto: b.id } }] };
    const late: Batch = { version: 1, workstation: 'ws-y', object: 1, changes: [{ hlc: '900000000000001-000000-ws-y', entity: 'patient', entityId: b.id, op: 'merge', fields: { mergedInto: a.id } }] };
    applyBatch(replica, 't', creates, Date.now());
    applyBatch(replica, 't', late, Date.now());
    applyBatch(replica, 't', early, Date.now());
    const merged = replica.prepare('SELECT id, merged_into FROM patients ORDER BY id').all();
    expect(merged).toEqual([
      { id: a.id, merged_into: b.id },
      { id: b.id, merged_into: null },
    ]);
  });

  it('gives an MRN taken on two desks to the older record and a marked number to the other', () => {
    const mine = replica.transaction(() => patientQueries.register(replica, fields('本地'), true, audit()))();
    const theirs = source.transaction(() => patientQueries.register(source, fields('远程'), true, audit(undefined, 1)))();
    expect(mine.mrn).toBe(theirs.mrn);
    applyBatch(replica, 't', outboxBatch(source, 'ws-source', 1), Date.now());
    const rows = replica.prepare('SELECT id, mrn FROM patients ORDER BY id').all<{ id: string; mrn: string }>();
    const [older, newer] = [mine.id, theirs.id].sort();
    expect(rows.find((row) => row.id === older)!.mrn).toBe(mine.mrn);
    expect(rows.find((row) => row.id === newer)!.mrn).toMatch(new RegExp(`^${mine.mrn}-[0-9A-F]{8}$`));
  });
});

describe('chart entries', () => {
  it('replicate with their author, and an entry removed in error stays removed on the replica', async () => {
    const { insertProblem, removeProblem } = await import('../../../main/chart/problems.node.ts');
    const patient = source.transaction(() => patientQueries.register(source, fields('王五'), true, audit()))();
    const kept = source.transaction(() => insertProblem(source, patient.id, { code: 'I10', text: 'Hypertension', onset: '2020-01-01', status: 'active', resolvedOn: null, note: '' }, audit()))();
    const removed = source.transaction(() => insertProblem(source, patient.id, { code: 'E11', text: 'Diabetes', onset: null, status: 'active', resolvedOn: null, note: 'x' }, audit()))();
    source.transaction(() => removeProblem(source, removed.id, 'wrong patient', audit('record.delete', Date.now() + 5)))();
    applyBatch(replica, 't', outboxBatch(source, 'ws-source', 1), Date.now());
    const rows = (db: Database) => db.prepare('SELECT * FROM problems ORDER BY id').all<Record<string, string | number | null>>();
    expect(rows(replica)).toHaveLength(2);
    expect(rows(replica).find((row) => row.id === kept.id)).toEqual(rows(source).find((row) => row.id === kept.id));
    expect(rows(replica).find((row) => row.id === removed.id)).toMatchObject({ error_reason: expect.any(String), updated_at: rows(source).find((row) => row.id === removed.id)!.updated_at });
  });
});
