import Database from '@signalapp/sqlcipher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { adoptStation, issueStation, mrnSettings, nextMrn, ownStation, setMrnFormat } from '../../../main/patients/mrn.node.ts';
import { patientQueries } from '../../../main/patients/queries.node.ts';
import { searchPatients } from '../../../main/patients/search.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { uuidv7 } from '../../../main/store/ids.ts';
import { patientInputSchema } from '../../../preload/contract/patients.ts';
import { input, patientClinic, register, type PatientClinic } from './helpers.ts';

const NOW = Date.UTC(2026, 0, 5);
const audit: AuditInput = { at: NOW, userId: null, username: 'desk', role: 'frontdesk', action: 'record.create', entityType: null, entityId: null, patientId: null, outcome: 'success', breakGlass: false, detail: null };

/** A workstation's record store: every migration, its own identity. */
function workstation(): Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare('INSERT INTO meta (id, clinic_name, workstation_id, created_at) VALUES (1, ?, ?, ?)').run(['诊所', uuidv7(), NOW]);
  return db;
}

const registerOn = (db: Database, name: string) => db.transaction(() => patientQueries.register(db, patientInputSchema.parse(input({ fullName: name })), true, audit))().mrn;

describe('record numbers per workstation (store)', () => {
  const open: Database[] = [];
  const fresh = () => {
    const db = workstation();
    open.push(db);
    return db;
  };
  afterAll(() => open.forEach((db) => db.close()));

  it('keeps the plain format on a workstation on its own', () => {
    const db = fresh();
    expect([registerOn(db, '张一'), registerOn(db, '张二')]).toEqual(['MRN00000001', 'MRN00000002']);
    expect(mrnSettings(db)).toEqual({ prefix: 'MRN', width: 8, station: null, nextMrn: 'MRN00000003' });
  });

  it('gives each enrolled workstation its own block: two desks registering offline never issue the same number', () => {
    const first = fresh();
    const issuedBefore = [registerOn(first, '王一'), registerOn(first, '王二')];
    // Enrolling a second workstation: the first takes station 1, the new one gets 2, a third gets 3.
    expect(issueStation(first, NOW)).toBe(2);
    expect(ownStation(first)).toBe(1);
    expect(issueStation(first, NOW)).toBe(3);
    const second = fresh();
    const third = fresh();
    expect(adoptStation(second, 2)).toBe(2);
    expect(adoptStation(third, 3)).toBe(3);

    const numbers = [first, second, third].flatMap((db, desk) => Array.from({ length: 40 }, (_, i) => registerOn(db, `李${desk}${i}`)));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.slice(0, 2)).toEqual(['MRN01000001', 'MRN01000002']);
    expect(numbers[40]).toBe('MRN02000001');
    expect(numbers[80]).toBe('MRN03000001');
    // Still prefix + width digits: the clinic's one format.
    for (const mrn of numbers) expect(mrn).toMatch(/^MRN\d{8}$/);
    // Numbers issued before the workstation had a station stay as they are.
    const kept = first.prepare('SELECT mrn FROM patients WHERE mrn IN (?, ?) ORDER BY mrn', { pluck: true }).all(issuedBefore);
    expect(kept).toEqual(issuedBefore);
  });

  it('keeps a station once taken, and never takes one whose block holds numbers already', () => {
    const db = fresh();
    // A clinic of one PC past a million patients: its plain MRN01234567 sits where station 1's block would be.
    db.prepare('UPDATE mrn_counter SET next = 1234567 WHERE id = 1').run();
    expect(registerOn(db, '赵一')).toBe('MRN01234567');
    expect(ownStation(db)).toBe(2);
    expect(adoptStation(db, 7)).toBe(2);
    const joining = fresh();
    registerOn(joining, '赵二');
    // An enrolment file from before stations (none given) or naming a taken one: the first free one instead.
    expect(adoptStation(joining, null)).toBe(1);
    const other = fresh();
    other.prepare('UPDATE mrn_counter SET next = 5000000 WHERE id = 1').run();
    registerOn(other, '赵三');
    expect(adoptStation(other, 5)).toBe(1);
  });

  it('skips a number in its block that a record already holds, and refuses a width too narrow for the counter', () => {
    const db = fresh();
    adoptStation(db, 4);
    expect([registerOn(db, '钱一'), registerOn(db, '钱二')]).toEqual(['MRN04000001', 'MRN04000002']);
    // A counter behind the records (e.g. restored from an older backup) steps over the numbers they hold.
    db.prepare('UPDATE mrn_counter SET station_next = 1 WHERE id = 1').run();
    expect(nextMrn(db)).toBe('MRN04000003');
    expect(() => setMrnFormat(db, { prefix: 'MRN', width: 2 })).toThrow();
    db.prepare('UPDATE mrn_counter SET station_next = 123456 WHERE id = 1').run();
    expect(() => setMrnFormat(db, { prefix: 'MRN', width: 7 })).toThrow();
    setMrnFormat(db, { prefix: 'ZY', width: 8 });
    expect(mrnSettings(db).nextMrn).toBe('ZY04123456');
  });

  it('finds a station’s number from its counter alone, as the desk types it, beside a plain number of the same counter', () => {
    const db = fresh();
    const plain = registerOn(db, '周一');
    adoptStation(db, 3);
    db.prepare('UPDATE mrn_counter SET station_next = 42 WHERE id = 1').run();
    const station = registerOn(db, '周二');
    expect([plain, station]).toEqual(['MRN00000001', 'MRN03000042']);
    const mrns = (query: string) => searchPatients(db, query, 'desk', 20).map((hit) => [hit.mrn, hit.match]);
    expect(mrns('42')).toEqual([['MRN03000042', { field: 'mrn', kind: 'exact' }]]);
    expect(mrns('1')).toEqual([['MRN00000001', { field: 'mrn', kind: 'exact' }]]);
    // The whole number, and the station's digits with it, still work.
    expect(mrns('3000042')).toEqual([['MRN03000042', { field: 'mrn', kind: 'exact' }]]);
    expect(mrns('MRN03000042')).toEqual([['MRN03000042', { field: 'mrn', kind: 'exact' }]]);
    // Another station's 42nd is not this desk's.
    expect(mrns('43')).toEqual([]);
  });
});

describe('record number format setting (channels)', () => {
  let clinic: PatientClinic;
  beforeAll(async () => {
    clinic = await patientClinic();
  }, 60_000);
  afterAll(() => clinic.cleanup());

  it('shows the format and the next number, changes it for new records only, and audits the change', async () => {
    expect(await clinic.ok('admin', 'patients.mrnFormat.get', {})).toEqual({ prefix: 'MRN', width: 8, station: null, nextMrn: 'MRN00000001' });
    const before = await register(clinic, { fullName: '孙一' });
    expect(before.mrn).toBe('MRN00000001');
    const audited = await clinic.auditCount();
    expect(await clinic.ok('admin', 'patients.mrnFormat.set', { prefix: 'ZY', width: 10 })).toMatchObject({ prefix: 'ZY', width: 10, nextMrn: 'ZY0000000002' });
    expect(await clinic.auditCount()).toBe(audited + 1);
    expect((await register(clinic, { fullName: '孙二' })).mrn).toBe('ZY0000000002');
    expect((await clinic.ok('physician', 'patients.get', { id: before.id })).mrn).toBe('MRN00000001');
    // Search by the new number, digits only, as the desk types it.
    const hits = (await clinic.ok('frontdesk', 'patients.search', { query: '2', limit: 5 })) as { mrn: string }[];
    expect(hits.map((hit) => hit.mrn)).toContain('ZY0000000002');
  });

  it('refuses a bad format with a field-level message and changes nothing; only administrators may change it', async () => {
    const current = await clinic.ok('admin', 'patients.mrnFormat.get', {});
    for (const [request, path] of [
      [{ prefix: 'zy1', width: 8 }, 'prefix'],
      [{ prefix: "MRN'; DROP TABLE patients;--", width: 8 }, 'prefix'],
      [{ prefix: '', width: 8 }, 'prefix'],
      [{ prefix: 'MRN', width: 5 }, 'width'],
      [{ prefix: 'MRN', width: 13 }, 'width'],
      [{ prefix: 'MRN', width: 8.5 }, 'width'],
    ] as const) {
      const result = await clinic.call('admin', 'patients.mrnFormat.set', request);
      expect(result.ok, JSON.stringify(request)).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'VALIDATION', fields: [expect.objectContaining({ path })] });
    }
    const denied = await clinic.call('frontdesk', 'patients.mrnFormat.set', { prefix: 'AB', width: 8 });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    expect(await clinic.ok('admin', 'patients.mrnFormat.get', {})).toEqual(current);
  });
});
