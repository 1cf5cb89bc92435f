import { describe, expect, it } from 'vitest';
import type { MeasureSummary, StatisticsGroup } from '../../../preload/contract/analytics.ts';
import { useAnalyticsClinic, type GeneratedEncounter, type VitalColumn } from './helpers.ts';

/** Independent of main's code: age by comparing "MM-DD" strings of the local day. */
function age(birthDate: string, at: number): number {
  const day = new Date(at);
  const monthDay = `${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  return day.getFullYear() - Number(birthDate.slice(0, 4)) - (monthDay < birthDate.slice(5) ? 1 : 0);
}

function expected(values: Array<number | null>): Omit<MeasureSummary, 'measure'> {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = present.length;
  if (!n) return { n, missing: values.length, mean: null, median: null, sd: null, min: null, max: null };
  const mean = present.reduce((a, b) => a + b, 0) / n;
  const median = n % 2 ? present[(n - 1) / 2]! : (present[n / 2 - 1]! + present[n / 2]!) / 2;
  const sd = n > 1 ? Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { n, missing: values.length - n, mean, median, sd, min: present[0]!, max: present[n - 1]! };
}

function expectSummary(actual: MeasureSummary | undefined, values: Array<number | null>): void {
  const wanted = expected(values);
  expect(actual).toBeDefined();
  expect({ n: actual!.n, missing: actual!.missing, min: actual!.min, max: actual!.max }).toEqual({ n: wanted.n, missing: wanted.missing, min: wanted.min, max: wanted.max });
  for (const key of ['mean', 'median', 'sd'] as const) {
    if (wanted[key] === null) expect(actual![key]).toBeNull();
    else expect(actual![key]).toBeCloseTo(wanted[key]!, 9);
  }
}

const CHAPTER: Record<string, string> = { E: 'IV', I: 'IX', J: 'X', K: 'XI', M: 'XIII', Z: 'XXI' };

describe('statistics', () => {
  const clinic = useAnalyticsClinic(3, 90);

  it('summarises encounters by provider: age at the visit and vitals taken in it, missing counted', async () => {
    const c = clinic();
    const result = await c.ok('p', 'analytics.statistics.summarize', { subject: 'encounters', groupBy: 'provider', measures: ['age', 'systolic', 'bmi', 'temperature'] });
    expect(result.total).toBe(c.encounters.length);
    expect(result.overlapping).toBe(false);
    const birth = new Map(c.patients.map((p) => [p.id, p.birthDate]));
    const providers = [...new Set(c.encounters.map((e) => e.provider))].sort();
    expect(result.groups.map((g) => g.key)).toEqual(providers);
    for (const group of result.groups) {
      const rows = c.encounters.filter((e) => e.provider === group.key);
      expect(group.count).toBe(rows.length);
      expectSummary(group.measures[0], rows.map((e) => age(birth.get(e.patientId)!, e.at)));
      for (const [index, column] of [[1, 'systolic'], [2, 'bmi'], [3, 'temperature']] as Array<[number, VitalColumn]>) {
        expectSummary(group.measures[index], rows.map((e) => e.vitals?.[column] ?? null));
      }
    }
    // Missing values are really there, and counted.
    expect(result.groups.some((g) => g.measures[1]!.missing > 0)).toBe(true);
  });

  it('groups by ICD-10 chapter (an encounter in each of its chapters) and by month, with a diagnosis filter', async () => {
    const c = clinic();
    const byChapter = await c.ok('a', 'analytics.statistics.summarize', { subject: 'encounters', groupBy: 'diagnosisChapter', measures: ['heartRate'] });
    const chaptersOf = (e: GeneratedEncounter) => [...new Set(e.codes.map((code) => CHAPTER[code[0]!]!))];
    const find = (groups: StatisticsGroup[], key: string | null) => groups.find((g) => g.key === key);
    expect(byChapter.overlapping).toBe(true);
    for (const chapter of new Set(Object.values(CHAPTER))) {
      const rows = c.encounters.filter((e) => chaptersOf(e).includes(chapter));
      if (!rows.length) continue;
      expect(find(byChapter.groups, chapter)?.count).toBe(rows.length);
      expectSummary(find(byChapter.groups, chapter)?.measures[0], rows.map((e) => e.vitals?.heart_rate ?? null));
    }
    expect(find(byChapter.groups, null)?.count).toBe(c.encounters.filter((e) => e.codes.length === 0).length);

    const diabetes = await c.ok('a', 'analytics.statistics.summarize', { subject: 'encounters', groupBy: 'month', measures: ['weight'], filters: { diagnosis: 'e11' } });
    const rows = c.encounters.filter((e) => e.codes.some((code) => code.startsWith('E11')));
    expect(diabetes.total).toBe(rows.length);
    const month = (at: number) => `${new Date(at).getFullYear()}-${String(new Date(at).getMonth() + 1).padStart(2, '0')}`;
    for (const group of diabetes.groups) {
      const inMonth = rows.filter((e) => month(e.at) === group.key);
      expect(group.count).toBe(inMonth.length);
      expectSummary(group.measures[0], inMonth.map((e) => e.vitals?.weight ?? null));
    }
    expect(diabetes.groups.reduce((sum, g) => sum + g.count, 0)).toBe(rows.length);
  });

  it('summarises patients by sex with their latest vitals, filtered by age and date range', async () => {
    const c = clinic();
    const now = c.clock.now();
    const day = (offset: number) => {
      const d = new Date(now + offset * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const from = day(-180);
    const to = day(0);
    const result = await c.ok('p', 'analytics.statistics.summarize', { subject: 'patients', groupBy: 'sex', measures: ['age', 'diastolic'], filters: { from, to, minAge: 18, maxAge: 80 } });
    const fromMs = new Date(`${from}T00:00:00`).getTime();
    const inRange = (e: GeneratedEncounter) => e.at >= fromMs;
    const patients = c.patients.filter((p) => c.encounters.some((e) => e.patientId === p.id && inRange(e)) && age(p.birthDate, now) >= 18 && age(p.birthDate, now) <= 80);
    expect(result.total).toBe(patients.length);
    const latestDiastolic = (patientId: string) => {
      const taken = c.encounters.filter((e) => e.patientId === patientId && inRange(e) && e.vitals?.diastolic != null).sort((a, b) => a.at - b.at);
      return taken.length ? taken[taken.length - 1]!.vitals!.diastolic : null;
    };
    for (const group of result.groups) {
      const members = patients.filter((p) => p.sex === group.key);
      expect(group.count).toBe(members.length);
      expectSummary(group.measures[0], members.map((p) => age(p.birthDate, now)));
      expectSummary(group.measures[1], members.map((p) => latestDiastolic(p.id)));
    }
  });

  it('is for physicians and administrators only, and refuses grouping patients by provider', async () => {
    const c = clinic();
    const request = { subject: 'patients' as const, groupBy: 'sex' as const, measures: ['age' as const] };
    expect(await c.call('d', 'analytics.statistics.summarize', request)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await c.call('p', 'analytics.statistics.summarize', { ...request, groupBy: 'provider' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
