import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { patientClinic, register, residentId, type PatientClinic } from './helpers.ts';

describe('patient search', () => {
  let clinic: PatientClinic;
  const ids: Record<string, string> = {};
  const search = async (query: string, limit?: number): Promise<SearchHit[]> => clinic.ok('frontdesk', 'patients.search', { query, ...(limit ? { limit } : {}) });
  const names = async (query: string) => (await search(query)).map((hit) => hit.fullName);
  const first = async (query: string) => {
    const [hit] = await search(query);
    return hit && { name: hit.fullName, ...hit.match };
  };

  beforeAll(async () => {
    clinic = await patientClinic();
    const seed = [
      { fullName: '张三', birthDate: '1990-01-01', phones: ['+86 138 0013 8000'], identifier: { type: 'cn-resident' as const, value: residentId('1990-01-01') } },
      { fullName: '张三丰', birthDate: '1947-04-09', phones: ['139 0000 1111'] },
      { fullName: '李四', birthDate: '1990-01-01' },
      { fullName: '王小明', birthDate: '2012-09-30' },
      { fullName: '欧阳娜娜', birthDate: '2000-06-24' },
      { fullName: '单雄信', birthDate: '1985-07-14' },
      { fullName: 'Zhang', birthDate: '1970-03-03' },
      { fullName: 'John Smith', birthDate: '1966-11-05', identifier: { type: 'passport' as const, value: 'E12345678' } },
      { fullName: 'Ana Zhangova', birthDate: '1993-02-02' },
    ];
    for (const patient of seed) ids[patient.fullName] = (await register(clinic, patient)).id;
  });
  afterAll(() => clinic.cleanup());

  it('finds Chinese names by initials, full pinyin with or without spaces, and surname readings', async () => {
    expect(await first('zs')).toEqual({ name: '张三', field: 'initials', kind: 'exact' });
    expect(await names('zs')).toEqual(['张三', '张三丰']);
    expect(await first('zhangsan')).toEqual({ name: '张三', field: 'pinyin', kind: 'exact' });
    expect(await first('Zhang San')).toEqual({ name: '张三', field: 'pinyin', kind: 'exact' });
    expect(await first('oynn')).toEqual({ name: '欧阳娜娜', field: 'initials', kind: 'exact' });
    expect(await first('ouyang')).toEqual({ name: '欧阳娜娜', field: 'pinyin', kind: 'prefix' });
    // 单 as a surname reads shan, not dan.
    expect(await first('shanxiong')).toEqual({ name: '单雄信', field: 'pinyin', kind: 'prefix' });
    expect(await search('danxiong')).toEqual([]);
  });

  it('finds names by prefix from one character and by substring from three', async () => {
    expect(await names('张')).toEqual(['张三', '张三丰']);
    expect(await first('张三')).toEqual({ name: '张三', field: 'name', kind: 'exact' });
    expect(await first('阳娜娜')).toEqual({ name: '欧阳娜娜', field: 'name', kind: 'substring' });
    expect(await first('xiaoming')).toEqual({ name: '王小明', field: 'pinyin', kind: 'substring' });
    expect(await first('ohn smi')).toEqual({ name: 'John Smith', field: 'name', kind: 'substring' });
    expect(await first('JOHN')).toEqual({ name: 'John Smith', field: 'name', kind: 'prefix' });
  });

  it('ranks exact before prefix before substring', async () => {
    const hits = await search('zhang');
    expect(hits.map((hit) => [hit.fullName, hit.match?.field, hit.match?.kind])).toEqual([
      ['Zhang', 'name', 'exact'],
      ['张三', 'pinyin', 'prefix'],
      ['张三丰', 'pinyin', 'prefix'],
      ['Ana Zhangova', 'name', 'substring'],
    ]);
    expect(await search('zhang', 2)).toHaveLength(2);
  });

  it('recognises MRNs, phone numbers, identifiers and birth dates by their shape', async () => {
    const zhangSan = ids['张三'];
    expect(await search('MRN00000001')).toEqual([expect.objectContaining({ id: zhangSan, mrn: 'MRN00000001', match: { field: 'mrn', kind: 'exact' } })]);
    expect(await first('1')).toEqual({ name: '张三', field: 'mrn', kind: 'exact' });
    expect(await first('mrn2')).toEqual({ name: '张三丰', field: 'mrn', kind: 'exact' });
    expect(await search('mrn0000000')).toHaveLength(9);

    expect(await first('138')).toEqual({ name: '张三', field: 'phone', kind: 'prefix' });
    expect(await first('+86 138-0013')).toEqual({ name: '张三', field: 'phone', kind: 'prefix' });
    expect(await first('13800138000')).toEqual({ name: '张三', field: 'phone', kind: 'exact' });
    expect(await names('139')).toEqual(['张三丰']);

    expect(await first(residentId('1990-01-01'))).toEqual({ name: '张三', field: 'identifier', kind: 'exact' });
    expect(await first('e1234')).toBeUndefined();
    expect(await first('e12345')).toEqual({ name: 'John Smith', field: 'identifier', kind: 'prefix' });

    for (const query of ['1990-01-01', '19900101']) {
      expect((await search(query)).filter((hit) => hit.match?.field === 'birthDate').map((hit) => hit.fullName)).toEqual(['张三', '李四']);
    }
    expect(await search('1990-02-30')).toEqual([]);
  });

  it('lists the user’s recently seen patients, newest first, for an empty query', async () => {
    expect(await search('')).toEqual([]);
    for (const name of ['李四', '欧阳娜娜', '张三']) {
      await clinic.ok('frontdesk', 'patients.get', { id: ids[name]! });
      clinic.clock.advance(1_000);
    }
    await clinic.ok('frontdesk', 'patients.get', { id: ids['李四']! });
    await clinic.ok('physician', 'patients.get', { id: ids['王小明']! });
    expect((await search('  ')).map((hit) => [hit.fullName, hit.match])).toEqual([
      ['李四', null],
      ['张三', null],
      ['欧阳娜娜', null],
    ]);
    expect((await clinic.ok('physician', 'patients.search', { query: '' })).map((hit) => hit.fullName)).toEqual(['王小明']);
  });
});
