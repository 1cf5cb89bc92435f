import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../../main/patients/import/decode.ts';
import { parseCsv } from '../../../main/patients/import/parse.ts';
import { suggestMapping } from '../../../main/patients/import/suggest-mapping.ts';
import { validateRows } from '../../../main/patients/import/validate-rows.ts';
import type { ImportMapping } from '../../../preload/contract/patient-import.ts';
import { residentId } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');
const utf8 = (text: string) => new TextEncoder().encode(text);

function rowsOf(text: string, mapping?: ImportMapping) {
  const parsed = parseCsv(text);
  return validateRows(parsed.records, mapping ?? suggestMapping(parsed.headers));
}

describe('CSV encodings', () => {
  it('reads GB18030 (GBK) as Chinese Excel writes it', () => {
    const { encoding, text } = decodeCsv(readFileSync(join(FIXTURES, 'patients-gbk.csv')));
    expect(encoding).toBe('gb18030');
    const { headers, records } = parseCsv(text);
    expect(headers).toEqual(['姓名', '性别', '出生日期', '手机号', '身份证号', '过敏史', '备注']);
    expect(records.map((record) => record.cells[0])).toEqual(['张三', '李四']);
  });

  it('reads UTF-8 with and without a byte-order mark, and UTF-16 LE', () => {
    const text = '姓名,性别\n王五,女\n';
    expect(decodeCsv(utf8(text))).toEqual({ encoding: 'utf-8', text });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ encoding: 'utf-8-bom', text });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(decodeCsv(utf16)).toEqual({ encoding: 'utf-16le', text });
    // The mark is not part of the first header.
    expect(parseCsv(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])).text).headers[0]).toBe('姓名');
  });
});

describe('CSV parsing', () => {
  it('keeps quotes, doubled quotes, delimiters and line breaks inside quoted cells, and numbers rows as the file does', () => {
    const text = 'name,sex,birth date,notes\r\n"Smith, John",M,1970-01-02,"line one\r\nline ""two"""\r\n\r\nJane Doe,F,1980-03-04,plain\r\n';
    const { records } = parseCsv(text);
    expect(records).toEqual([
      { row: 2, line: 2, cells: ['Smith, John', 'M', '1970-01-02', 'line one\r\nline "two"'], problem: null },
      // Row 3 is blank; the next record is row 4 and starts on line 5, after the line break inside row 2.
      { row: 4, line: 5, cells: ['Jane Doe', 'F', '1980-03-04', 'plain'], problem: null },
    ]);
    const rows = validateRows(records, suggestMapping(['name', 'sex', 'birth date', 'notes']));
    expect(rows.map((row) => [row.row, row.issues])).toEqual([
      [2, []],
      [4, []],
    ]);
    expect(rows[0]!.fields).toMatchObject({ fullName: 'Smith, John', sex: 'male', birthDate: '1970-01-02', notes: 'line one\r\nline "two"' });
  });

  it('detects tab- and semicolon-separated files', () => {
    expect(parseCsv('姓名\t性别\n张三\t男\n').records[0]!.cells).toEqual(['张三', '男']);
    expect(parseCsv('name;sex\nAnn;F\n').records[0]!.cells).toEqual(['Ann', 'F']);
  });

  it('reports an unclosed quote and stray cells as problems of the row', () => {
    const rows = rowsOf('name,birth date\nAnn,1990-01-01,extra\n"Bob,1990-01-01\n');
    expect(rows[0]!.issues).toContainEqual({ field: null, code: 'columns' });
    expect(rows[1]!.issues).toContainEqual({ field: null, code: 'quotes' });
    expect(rows.every((row) => row.fields === null)).toBe(true);
  });
});

describe('column mapping', () => {
  it('suggests fields from Chinese and English headers, phones up to three, and ignores unknown columns', () => {
    expect(suggestMapping(['姓名', '性别', '出生日期', '手机号', '联系电话', '身份证号', '紧急联系人', '紧急联系人电话', '医保卡号', '过敏史', '病历号', '备注', '血型'])).toEqual([
      'fullName', 'sex', 'birthDate', 'phone', 'phone', 'idValue', 'emergencyName', 'emergencyPhone', 'insuranceNumber', 'allergies', 'mrn', 'notes', null,
    ]);
    expect(suggestMapping(['Patient Name', 'Gender', 'DOB', 'Mobile', 'Home Phone', 'Work Phone', 'Cell', 'Address', 'Allergies'])).toEqual([
      'fullName', 'sex', 'birthDate', 'phone', 'phone', 'phone', null, 'address', 'allergies',
    ]);
    expect(suggestMapping(['Last name', 'First name', 'Full name'])).toEqual(['familyName', 'givenName', 'fullName']);
  });
});

describe('row validation: the registration rules, row by row', () => {
  const header = '姓名,性别,出生日期,手机号,身份证号,过敏史,备注\n';

  it('converts the usual ways of writing sex, dates, phones and allergies', () => {
    const [row] = rowsOf(`${header}张三,男,1980年5月1日,138 0013 8000；13900139000,,无,\n`);
    expect(row!.issues).toEqual([]);
    expect(row!.fields).toMatchObject({ fullName: '张三', sex: 'male', birthDate: '1980-05-01', phones: ['138 0013 8000', '13900139000'], allergies: 'none', identifier: null });
  });

  it('fills birth date and sex from a valid resident ID, as the registration form does', () => {
    const id = residentId('1985-07-09', '124'); // 17th digit even: female
    const [row] = rowsOf(`${header}赵六,,,,${id},,\n`);
    expect(row!.fields).toMatchObject({ birthDate: '1985-07-09', sex: 'female', identifier: { type: 'cn-resident', value: id } });
  });

  it('names the field and the rule for each problem, on the row the file has', () => {
    const badId = residentId('1990-01-01').slice(0, 17) + (residentId('1990-01-01').endsWith('0') ? '1' : '0');
    const rows = rowsOf(
      `${header}` +
        `好人,男,1990-01-01,,,,\n` +
        `,男,1990-01-01,,,,\n` +
        `未来,女,2999-01-01,,,,\n` +
        `坏号,男,1990-01-01,,${badId},,\n` +
        `无性,外星,1990-01-01,12,,也许,\n`,
    );
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]!.issues).toEqual([]);
    expect(rows[1]!.issues).toEqual([{ field: 'fullName', code: 'required' }]);
    expect(rows[2]!.issues).toEqual([{ field: 'birthDate', code: 'future' }]);
    expect(rows[3]!.issues).toEqual([{ field: 'idValue', code: 'checkDigit' }]);
    expect(rows[4]!.issues).toEqual(
      expect.arrayContaining([
        { field: 'sex', code: 'unrecognised' },
        { field: 'allergies', code: 'unrecognised' },
        { field: 'phone', code: 'format' },
      ]),
    );
    expect(rows.filter((row) => row.fields !== null).map((row) => row.row)).toEqual([2]);
  });

  it('refuses a 10,000-character field as too long, without choking', () => {
    const long = '张'.repeat(10_000);
    const rows = rowsOf(`${header}${long},男,1990-01-01,,,,\n正常,女,1990-01-01,,,,"${'x'.repeat(10_000)}"\n`);
    expect(rows[0]!.issues).toEqual([{ field: 'fullName', code: 'tooLong' }]);
    expect(rows[0]!.fullName).toHaveLength(100);
    expect(rows[1]!.issues).toEqual([{ field: 'notes', code: 'tooLong' }]);
  });

  it('keeps a formula-like cell verbatim and flags it; a phone with + is not flagged', () => {
    const [row] = rowsOf(`${header}"=cmd|' /C calc'!A0",男,1990-01-01,+86 138 0013 8000,,,@SUM(A1)\n`);
    expect(row!.issues).toEqual([]);
    expect(row!.warnings).toEqual([
      { field: 'fullName', code: 'formula' },
      { field: 'notes', code: 'formula' },
    ]);
    expect(row!.fields).toMatchObject({ fullName: "=cmd|' /C calc'!A0", notes: '@SUM(A1)', phones: ['+86 138 0013 8000'] });
  });

  it('follows an edited mapping: an ignored column is not read', () => {
    const parsed = parseCsv(`${header}张三,男,1990-01-01,12,,,\n`);
    const mapping = suggestMapping(parsed.headers);
    expect(validateRows(parsed.records, mapping)[0]!.issues).toEqual([{ field: 'phone', code: 'format' }]);
    expect(validateRows(parsed.records, mapping.map((field) => (field === 'phone' ? null : field)))[0]!.issues).toEqual([]);
  });
});
