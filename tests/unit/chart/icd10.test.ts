import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchIcd10 } from '../../../main/chart/icd10-lookup.ts';
import { ICD10_PATTERN, icd10CodeSchema } from '../../../preload/contract/chart.ts';

const shipped = JSON.parse(readFileSync(new URL('../../../resources/icd10/common-codes.json', import.meta.url), 'utf8')) as { codes: Array<{ code: string; zh: string; en: string }> };

describe('ICD-10 codes', () => {
  it('ships unique, well-formed codes with both titles, and says it is a subset', () => {
    expect(shipped.codes.length).toBeGreaterThan(150);
    expect(new Set(shipped.codes.map((entry) => entry.code)).size).toBe(shipped.codes.length);
    for (const entry of shipped.codes) {
      expect(entry.code, entry.code).toMatch(ICD10_PATTERN);
      expect(entry.zh).toMatch(/\p{Script=Han}/u);
      expect(entry.en).toMatch(/[a-z]/i);
    }
    expect(JSON.stringify(shipped)).toMatch(/subset/i);
  });

  it('validates the format and normalises case', () => {
    for (const code of ['A09', 'J06.9', 'j06.9', ' E11.9 ', 'S72.001A', 'C4A', 'I10.x00x002', 'U07.1']) expect(icd10CodeSchema.safeParse(code).success, code).toBe(true);
    for (const code of ['', 'J6', '06.9', 'J06.', 'J06.12345', 'J06-9', 'J06.9; DROP TABLE', '<b>I10</b>', '高血压']) expect(icd10CodeSchema.safeParse(code).success, code).toBe(false);
    expect(icd10CodeSchema.parse('i10.x00x002')).toBe('I10.X00X002');
  });

  it('looks codes up by code, Chinese title, pinyin initials and English title, best match first', () => {
    expect(searchIcd10('I10', 5)[0]).toMatchObject({ code: 'I10', zh: '原发性高血压' });
    expect(searchIcd10('j06', 5).map((entry) => entry.code)).toEqual(['J06.9']);
    expect(searchIcd10('E11', 10).map((entry) => entry.code)).toEqual(['E11.2', 'E11.3', 'E11.4', 'E11.9']);
    expect(searchIcd10('高血压', 10).map((entry) => entry.code)).toContain('I10');
    expect(searchIcd10('gxy', 10).map((entry) => entry.code)).toContain('I10');
    expect(searchIcd10('asthma', 10).map((entry) => entry.code)).toEqual(['J45.9']);
    expect(searchIcd10('pneumonia', 3)).toHaveLength(2);
    expect(searchIcd10('zzzz', 10)).toEqual([]);
    expect(searchIcd10('', 10)).toEqual([]);
  });
});
