import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorOf, auditEntry } from '../../../main/audit/audit-log.ts';
import type { FileDialogs } from '../../../main/platform/dialogs.ts';
import type { ImportMapping } from '../../../preload/contract/patient-import.ts';
import { expectAuditChainIntact, patientClinic, register, residentId, type PatientClinic } from './helpers.ts';

const HEADER = '姓名,性别,出生日期,手机号,身份证号,病历号,备注\r\n';

describe('CSV import of a patient list', () => {
  let clinic: PatientClinic;
  let folder: string;
  let chosen: string | null;
  const dialogs: FileDialogs = { chooseSaveFile: async () => null, chooseOpenFile: async () => chosen };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cw-csv-'));
    clinic = await patientClinic({ dialogs });
  }, 60_000);
  afterEach(async () => {
    await clinic.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  async function open(content: string | Uint8Array, as = 'frontdesk') {
    chosen = join(folder, 'list.csv');
    await writeFile(chosen, content);
    const opened = await clinic.ok(as, 'patients.import.open', {});
    if (opened.cancelled) throw new Error('cancelled');
    return opened;
  }

  const outboxCount = () => clinic.sql<{ n: number }>('SELECT count(*) AS n FROM outbox')[0]!.n;

  it('converts Excel date serials and day-first dates, and reports ambiguous birth dates on their rows', async () => {
    const opened = await open(
      HEADER +
        '序列号,男,32874,,,,\r\n' + // row 2: Excel serial → 1990-01-01
        '点号,女,15.03.1985,,,,\r\n' + // row 3: day first with dots
        '斜线,女,03/04/1990,,,,\r\n' + // row 4: 3 April or 4 March?
        '两位,男,15.03.90,,,,\r\n' + // row 5: 1990 or 2090?
        '中文,男,1992年11月23日,,,,\r\n', // row 6
    );
    const preview = await clinic.ok('frontdesk', 'patients.import.preview', { importId: opened.importId, mapping: opened.mapping });
    expect(preview.rows.map((row) => [row.row, row.birthDate, row.status, row.issues])).toEqual([
      [2, '1990-01-01', 'ready', []],
      [3, '1985-03-15', 'ready', []],
      [4, '03/04/1990', 'invalid', [{ field: 'birthDate', code: 'ambiguousDate' }]],
      [5, '15.03.90', 'invalid', [{ field: 'birthDate', code: 'ambiguousDate' }]],
      [6, '1992-11-23', 'ready', []],
    ]);
    const report = await clinic.ok('frontdesk', 'patients.import.commit', { importId: opened.importId, mapping: opened.mapping, importDuplicates: [] });
    expect(report).toMatchObject({ imported: 3, invalid: 2 });
    const hits = await clinic.ok('frontdesk', 'patients.search', { query: '1990-01-01', limit: 5 });
    expect(hits.map((hit) => hit.fullName)).toEqual(['序列号']);
  });

  it('previews per-row errors and duplicates, then imports the valid rows, audited, with registration’s search keys', async () => {
    const existing = await register(clinic, { fullName: '张三', sex: 'male', birthDate: '1980-05-01', phones: ['13800138000'] });
    const id = residentId('1975-02-03', '111');
    const opened = await open(
      HEADER +
        '王小明,男,1990-03-15,13900000001,,,\r\n' + // row 2: ready
        '张三,男,1980-05-01,,,,\r\n' + // row 3: likely the registered 张三
        '未来人,女,2999-01-01,,,,\r\n' + // row 4: birth date in the future
        `"=HYPERLINK(""x"")",女,1975-02-03,,${id},OLD-7,"多行\r\n备注"\r\n` + // row 5: formula name, kept; old MRN; lines 5–6
        '王小明,男,1990-03-15,,,,\r\n', // row 6 (line 7): same as row 2
    );
    expect(opened).toMatchObject({ encoding: 'utf-8', rowCount: 5, mapping: ['fullName', 'sex', 'birthDate', 'phone', 'idValue', 'mrn', 'notes'] });
    const before = { patients: await clinic.patientCount(), audit: await clinic.auditCount(), outbox: outboxCount() };

    const preview = await clinic.ok('frontdesk', 'patients.import.preview', { importId: opened.importId, mapping: opened.mapping });
    expect(preview.counts).toEqual({ total: 5, ready: 2, invalid: 1, duplicate: 2, taken: 0, warnings: 1 });
    expect(preview.rows.map((row) => [row.row, row.line, row.status])).toEqual([
      [2, 2, 'ready'],
      [3, 3, 'duplicate'],
      [4, 4, 'invalid'],
      [5, 5, 'ready'],
      [6, 7, 'duplicate'],
    ]);
    expect(preview.rows[1]!.duplicates).toEqual([{ mrn: existing.mrn, row: null, fullName: '张三', birthDate: '1980-05-01', reasons: ['sameBirthDateSimilarName'] }]);
    expect(preview.rows[4]!.duplicates).toEqual([{ mrn: null, row: 2, fullName: '王小明', birthDate: '1990-03-15', reasons: ['sameBirthDateSimilarName'] }]);
    expect(preview.rows[2]!.issues).toEqual([{ field: 'birthDate', code: 'future' }]);
    expect(preview.rows[3]!.warnings).toEqual([{ field: 'fullName', code: 'formula' }]);
    // A preview writes nothing.
    expect({ patients: await clinic.patientCount(), audit: await clinic.auditCount(), outbox: outboxCount() }).toEqual(before);

    const report = await clinic.ok('frontdesk', 'patients.import.commit', { importId: opened.importId, mapping: opened.mapping, importDuplicates: [6] });
    expect(report).toMatchObject({ imported: 3, skipped: 1, invalid: 1, taken: 0 });
    expect(report.rows.map((row) => [row.row, row.outcome])).toEqual([
      [2, 'imported'],
      [3, 'skipped'],
      [4, 'invalid'],
      [5, 'imported'],
      [6, 'imported'],
    ]);
    expect(report.rows[3]!.mrn).toBe('OLD-7');
    expect(await clinic.patientCount()).toBe(before.patients + 3);

    const formula = await clinic.ok('physician', 'patients.get', { id: report.rows[3]!.patientId! });
    expect(formula).toMatchObject({ fullName: '=HYPERLINK("x")', identifier: { type: 'cn-resident', value: id }, notes: '多行\r\n备注' });
    const hits = await clinic.ok('frontdesk', 'patients.search', { query: 'wxm', limit: 10 });
    expect(hits.map((hit) => hit.fullName)).toEqual(['王小明', '王小明']);

    const audit = await clinic.ok('admin', 'audit.query', { limit: 10 });
    const imports = audit.entries.filter((entry) => entry.entityType === 'patient_import');
    expect(imports).toHaveLength(1);
    expect(imports[0]!.detail).toContain('imported 3, duplicates skipped 1, invalid 1');
    expect(audit.entries.filter((entry) => entry.entityType === 'patient' && entry.action === 'record.create' && entry.detail?.startsWith('imported from CSV'))).toHaveLength(3);
    // One outbox change per imported patient, with every field.
    expect(outboxCount()).toBe(before.outbox + 3);
    await expectAuditChainIntact(clinic);

    // The file is forgotten once imported.
    expect(await clinic.call('frontdesk', 'patients.import.preview', { importId: opened.importId, mapping: opened.mapping })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'import-expired' } },
    });
  });

  it('never imports a row whose ID is already registered, or repeated within the file', async () => {
    const id = residentId('1988-08-08', '222');
    await register(clinic, { fullName: '孙七', sex: 'male', birthDate: '1988-08-08', identifier: { type: 'cn-resident', value: id } });
    const other = residentId('1970-01-01', '333');
    const opened = await open(`${HEADER}孙七,男,1988-08-08,,${id},,\r\n周八,男,1970-01-01,,${other},,\r\n周八,男,1970-01-01,,${other},,\r\n`);
    const preview = await clinic.ok('frontdesk', 'patients.import.preview', { importId: opened.importId, mapping: opened.mapping });
    expect(preview.rows.map((row) => row.status)).toEqual(['taken', 'ready', 'taken']);
    expect(preview.rows[2]!.duplicates).toEqual([expect.objectContaining({ row: 3, reasons: ['sameIdentifier'] })]);
    const report = await clinic.ok('frontdesk', 'patients.import.commit', { importId: opened.importId, mapping: opened.mapping, importDuplicates: [2, 3, 4] });
    expect(report).toMatchObject({ imported: 1, taken: 2 });
  });

  it('is all or nothing: a failure in the middle of the transaction writes no patient, audit entry or change', async () => {
    await register(clinic, { fullName: '已有', sex: 'female', birthDate: '1990-01-01' });
    const before = { patients: await clinic.patientCount(), audit: await clinic.auditCount(), outbox: outboxCount() };
    const fields = (fullName: string) => ({ fullName, sex: 'male' as const, birthDate: '1990-02-02', phones: [], identifier: null, insurance: null, emergencyContact: null, allergies: 'unknown' as const });
    const now = clinic.clock.now();
    const audit = auditEntry(actorOf(null, now), 'record.create', {}, now);
    // The third row breaks a table constraint after two rows were written in the same transaction.
    const rows = [
      { row: 2, fullName: 'A', fields: fields('甲一'), mrn: null },
      { row: 3, fullName: 'B', fields: fields('乙二'), mrn: null },
      { row: 4, fullName: 'C', fields: { ...fields('丙三'), sex: 'robot' as 'male' }, mrn: null },
    ];
    await expect(clinic.services.vault.store.methods.patients.importPatients(rows, [], audit, { importId: 'x', rows: 3, invalid: 0, encoding: 'utf-8' })).rejects.toThrow();
    expect({ patients: await clinic.patientCount(), audit: await clinic.auditCount(), outbox: outboxCount() }).toEqual(before);
    await expectAuditChainIntact(clinic);
  });

  it('reads a GB18030 file, checks the mapping, and is for administrators and the front desk only', async () => {
    const bytes = new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(join(import.meta.dirname, '../../fixtures/csv/patients-gbk.csv'))));
    const opened = await open(bytes, 'admin');
    expect(opened).toMatchObject({ encoding: 'gb18030', headers: ['姓名', '性别', '出生日期', '手机号', '身份证号', '过敏史', '备注'], rowCount: 2 });
    expect(opened.sample[1]).toEqual(['李四', '女', '1992年11月23日', '13900139000', '', '有', '青霉素']);

    const noName: ImportMapping = opened.mapping.map((field) => (field === 'fullName' ? null : field));
    expect(await clinic.call('admin', 'patients.import.preview', { importId: opened.importId, mapping: noName })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Another user cannot use this file.
    expect(await clinic.call('frontdesk', 'patients.import.preview', { importId: opened.importId, mapping: opened.mapping })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await clinic.call('physician', 'patients.import.open', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const report = await clinic.ok('admin', 'patients.import.commit', { importId: opened.importId, mapping: opened.mapping });
    expect(report).toMatchObject({ imported: 2, invalid: 0 });
    const li = await clinic.ok('admin', 'patients.get', { id: report.rows[1]!.patientId! });
    expect(li).toMatchObject({ fullName: '李四', sex: 'female', birthDate: '1992-11-23', allergies: 'has', notes: '青霉素', pinyin: 'li si' });
  });

  it('refuses an empty file and answers a cancelled dialog', async () => {
    chosen = null;
    expect(await clinic.ok('frontdesk', 'patients.import.open', {})).toEqual({ cancelled: true });
    chosen = join(folder, 'empty.csv');
    await writeFile(chosen, '姓名,性别\r\n\r\n');
    expect(await clinic.call('frontdesk', 'patients.import.open', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'empty' } } });
  });
});

describe('revealing the full ID number', () => {
  let clinic: PatientClinic;
  beforeEach(async () => {
    clinic = await patientClinic();
  }, 60_000);
  afterEach(() => clinic.cleanup());

  it('returns it and writes a record.read entry “identifier revealed”', async () => {
    const id = residentId('1960-06-06', '444');
    const patient = await register(clinic, { fullName: '钱九', sex: 'male', birthDate: '1960-06-06', identifier: { type: 'cn-resident', value: id } });
    expect(await clinic.ok('physician', 'patients.revealIdentifier', { id: patient.id })).toEqual({ type: 'cn-resident', value: id });
    const { entries } = await clinic.ok('admin', 'audit.query', { limit: 1 });
    expect(entries[0]).toMatchObject({ action: 'record.read', username: 'physician', patientId: patient.id, detail: 'identifier revealed' });
    const plain = await register(clinic, { fullName: '无证', sex: 'male', birthDate: '1960-06-07' });
    expect(await clinic.ok('physician', 'patients.revealIdentifier', { id: plain.id })).toBeNull();
  });
});
