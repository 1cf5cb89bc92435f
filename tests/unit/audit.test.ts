import Database from '@signalapp/sqlcipher';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv } from '../../main/audit/csv.ts';
import type { AuditEntry } from '../../preload/contract/audit.ts';
import { ADMIN, testClinic, type TestClinic } from './helpers/clinic.ts';

describe('audit trail integrity', () => {
  let clinic: TestClinic;
  let key: Buffer;
  beforeEach(async () => {
    clinic = await testClinic();
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    for (const name of ['n1', 'n2', 'n3']) {
      await clinic.ok('a', 'accounts.create', { username: name, displayName: name, role: 'nurse', password: 'nurse password' });
    }
    key = Buffer.from(clinic.services.vault.dbKey);
  });
  afterEach(() => clinic.cleanup());

  /** Tampers as an attacker with the key and raw SQL would: triggers dropped, rows rewritten. */
  async function tamper(sql: string): Promise<void> {
    await clinic.services.close();
    const db = new Database(join(clinic.dataDir, 'records.db'));
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    db.exec(sql);
    db.close();
    await clinic.reopen();
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
  }

  const verify = () => clinic.ok('a', 'audit.verify', {});

  it('verifies an untouched trail', async () => {
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(5);
  });

  it('refuses edits and deletes through SQL while the triggers stand', async () => {
    await clinic.services.close();
    const db = new Database(join(clinic.dataDir, 'records.db'));
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    expect(() => db.exec("UPDATE audit SET username = 'someone' WHERE seq = 2")).toThrow();
    expect(() => db.exec('DELETE FROM audit WHERE seq = 2')).toThrow();
    db.close();
    await clinic.reopen();
  });

  it('detects an edited row and says where', async () => {
    await tamper("UPDATE audit SET username = 'someone-else' WHERE seq = 3");
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 3, kind: 'modified' } });
  });

  it('detects a deleted row in the middle', async () => {
    await tamper('DELETE FROM audit WHERE seq = 2');
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 2, kind: 'missing' } });
  });

  it('detects deleted newest rows', async () => {
    const before = (await verify()).rows;
    await tamper(`DELETE FROM audit WHERE seq >= ${before - 1}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem?.kind).toBe('missing');
  });

  it('detects two rows swapped', async () => {
    await tamper(`
      UPDATE audit SET seq = -1 WHERE seq = 2;
      UPDATE audit SET seq = 2 WHERE seq = 3;
      UPDATE audit SET seq = 3 WHERE seq = -1;`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem?.seq).toBe(2);
  });

  it('detects a row rewritten with a recomputed own hash', async () => {
    const { hashAuditRecord } = await import('../../main/audit/chain.ts');
    await clinic.services.close();
    const db = new Database(join(clinic.dataDir, 'records.db'));
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.exec('DROP TRIGGER audit_no_update;');
    type Row = { at: number; user_id: string; role: string; action: string; entity_type: string | null; entity_id: string | null; patient_id: string | null; outcome: 'success'; break_glass: number; detail: string | null; prev_hash: string };
    const row = db.prepare('SELECT * FROM audit WHERE seq = 2').get<Row>()!;
    const forged = { seq: 2, at: row.at, userId: row.user_id, username: 'forger', role: row.role, action: row.action, entityType: row.entity_type, entityId: row.entity_id, patientId: row.patient_id, outcome: row.outcome, breakGlass: row.break_glass === 1, detail: row.detail };
    db.prepare("UPDATE audit SET username = 'forger', hash = ? WHERE seq = 2").run([hashAuditRecord(forged, row.prev_hash)]);
    db.close();
    await clinic.reopen();
    await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
    expect(await verify()).toMatchObject({ ok: false, problem: { seq: 3, kind: 'reordered' } });
  });
});

describe('audit export', () => {
  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    const entry: AuditEntry = {
      seq: 1,
      at: Date.UTC(2026, 10, 25, 8, 0, 0),
      userId: 'u1',
      username: 'drli',
      role: 'physician',
      action: 'breakglass',
      entityType: null,
      entityId: null,
      patientId: null,
      outcome: 'success',
      breakGlass: true,
      detail: '=HYPERLINK("http://x") 急诊, "quoted"\nnext',
    };
    const csv = auditCsv([entry]);
    expect(csv.startsWith('\uFEFFseq,time,')).toBe(true);
    const [, line] = csv.slice(1).split('\r\n');
    expect(line).toBe('1,2026-11-25T08:00:00.000Z,u1,drli,physician,breakglass,,,,success,true,"\'=HYPERLINK(""http://x"") 急诊, ""quoted""\nnext"');
  });
});
