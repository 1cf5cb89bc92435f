import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../main/store/connection.node.ts';
import { startCdsService, type TestCdsService } from '../integration/support/cds-service.ts';
import { createStaff, E2E_KDF, setUpClinic, signInToApp } from './harness/clinic.ts';
import { startWorkstation, type Workstation } from './harness/workstation.ts';

const ADMIN = { username: 'admin', displayName: 'Admin', password: 'analytics e2e admin pass' };
const DOCTOR = { username: 'drli', password: 'analytics e2e doctor pass' };
const CONSOLE = { connectionId: 'test-console' };
const DAY = 86_400_000;

/**
 * Two planted groups of twelve patients, one visit each with its vitals: young with normal readings, and
 * older with high blood pressure and BMI. Sexes alternate; one BMI in three is not recorded; the last
 * visit has no diagnosis (a data quality finding).
 */
const SEEDED = Array.from({ length: 24 }, (_, i) => {
  const high = i >= 12;
  const jitter = (i % 6) - 2.5;
  return {
    spec: { fullName: `Cohort patient ${String.fromCharCode(65 + i)}`, sex: i % 2 === 0 ? ('female' as const) : ('male' as const), birthDate: `${high ? 1948 + (i % 5) : 1990 + (i % 5)}-0${1 + (i % 9)}-1${i % 9}` },
    systolic: Math.round((high ? 172 : 112) + jitter * 2),
    diastolic: Math.round((high ? 104 : 72) + jitter),
    bmi: i % 3 === 0 ? null : Math.round(((high ? 31 : 21.5) + jitter / 5) * 10) / 10,
  };
});

async function invoke<T>(ws: Workstation, channel: string, request: unknown): Promise<T> {
  const result = await ws.services.router.invoke(CONSOLE, channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** What the statistics should say for one sex, computed here from the seed. */
function expected(sex: 'female' | 'male') {
  const rows = SEEDED.filter((row) => row.spec.sex === sex);
  const systolic = rows.map((row) => row.systolic);
  return {
    count: rows.length,
    mean: systolic.reduce((sum, value) => sum + value, 0) / systolic.length,
    min: Math.min(...systolic),
    max: Math.max(...systolic),
    bmiMissing: rows.filter((row) => row.bmi === null).length,
  };
}

async function openPatient(page: Page, patientId: string): Promise<void> {
  await page.evaluate((id) => (window.location.hash = `#/patients/${id}`), patientId);
  await page.locator(`[data-testid="patient-view"][data-patient-id="${patientId}"]`).waitFor();
}

describe('analytics in Chromium', () => {
  let ws: Workstation;
  let cds: TestCdsService;
  let patientIds: string[];
  let undiagnosed: string;

  beforeAll(async () => {
    cds = await startCdsService();
    ws = await startWorkstation({ keyringOptions: { kdf: E2E_KDF } });
    await setUpClinic(ws, ADMIN);
    await createStaff(ws, { ...DOCTOR, displayName: '李医生', role: 'physician' });
    patientIds = await ws.services.vault.store.methods.patients.insertMany(SEEDED.map((row) => row.spec));
    const db = openEncrypted(ws.services.paths.database, ws.services.vault.dbKey);
    try {
      const now = Date.now();
      SEEDED.forEach((row, i) => {
        const at = now - (i + 1) * DAY;
        db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
          VALUES (?, ?, ?, '李医生', '复诊', '', '', '', '', '', 'draft', '李医生', ?, ?)`).run([`enc-${i}`, patientIds[i]!, at, at, at]);
        if (i < SEEDED.length - 1) db.prepare("INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, 0, 'I10', '原发性高血压')").run([`enc-${i}`]);
        db.prepare(`INSERT INTO vital_signs (id, patient_id, at, encounter_id, systolic, diastolic, bmi, recorded_by_name, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, '李医生', ?, ?)`).run([`vit-${i}`, patientIds[i]!, at, `enc-${i}`, row.systolic, row.diastolic, row.bmi, at, at]);
      });
    } finally {
      db.close();
    }
    undiagnosed = `enc-${SEEDED.length - 1}`;
    const server = await invoke<{ id: string }>(ws, 'analytics.cds.servers.save', { name: 'Hypertension advisor', baseUrl: cds.baseUrl, timeoutMs: 5_000 });
    await invoke(ws, 'analytics.cds.servers.discover', { id: server.id });
    await signInToApp(ws.page, DOCTOR);
  }, 120_000);

  afterAll(async () => {
    await ws?.close();
    await cds?.close();
  });

  it('shows statistics by sex that match the seeded visits, missing values counted', async () => {
    const { page } = ws;
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('stats-run').click();
    await page.getByTestId('stats-total').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('stats-total').innerText()).toContain(String(SEEDED.length));

    for (const sex of ['female', 'male'] as const) {
      const want = expected(sex);
      // Columns: group, count, then per measure (age, systolic, BMI): n, missing, mean, median, SD, min, max.
      const cells = await page.locator(`[data-testid="stats-table"] tr[data-row-key="${sex}"] td`).allInnerTexts();
      expect(Number(cells[1])).toBe(want.count);
      const systolic = cells.slice(9, 16);
      expect(Number(systolic[0])).toBe(want.count);
      expect(Number(systolic[1])).toBe(0);
      expect(Number(systolic[2]!.replaceAll(',', ''))).toBeCloseTo(want.mean, 1);
      expect(Number(systolic[5])).toBe(want.min);
      expect(Number(systolic[6])).toBe(want.max);
      const bmi = cells.slice(16, 23);
      expect(Number(bmi[0])).toBe(want.count - want.bmiMissing);
      expect(Number(bmi[1])).toBe(want.bmiMissing);
    }
    await page.getByTestId('stats-chart').locator('canvas').first().waitFor();
    await ws.screenshot('analytics-statistics');
  });

  it('clusters the patients into the two planted groups and shows their profiles', async () => {
    const { page } = ws;
    await page.getByTestId('analytics-tab-clustering').click();
    const wrapper = page.getByTestId('cluster-k');
    // antd puts some test ids on the input itself, others on its wrapper.
    const k = (await wrapper.evaluate((element) => element.tagName)) === 'INPUT' ? wrapper : wrapper.locator('input').first();
    await k.fill('2');
    await k.blur();
    await page.getByTestId('cluster-run').click();
    await page.getByTestId('cluster-profiles').waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-testid="cluster-profiles"] tbody tr[data-testid^="cluster-profile-"]');
    await expect.poll(() => rows.count()).toBe(2);
    // Columns: cluster, size, then the centroid per feature (age, systolic, diastolic, BMI), then the distinguishing features.
    const profiles = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(profiles.map((cells) => Number(cells[1])).sort()).toEqual([12, 12]);
    const systolicCentres = profiles.map((cells) => Number(cells[3]!.replaceAll(',', ''))).sort((a, b) => a - b);
    expect(systolicCentres[0]).toBeCloseTo(112, 0);
    expect(systolicCentres[1]).toBeCloseTo(172, 0);
    expect(profiles.every((cells) => cells.at(-1)!.length > 0)).toBe(true);

    // A profile lists its members, who open their charts.
    await rows.first().click();
    await expect.poll(() => page.locator('[data-testid="cluster-members"] tbody tr[data-testid^="cluster-member-"]').count(), { timeout: 10_000 }).toBe(12);
    await ws.screenshot('analytics-clustering');
  });

  it('reports a visit without a diagnosis, and its link opens that patient’s chart', async () => {
    const { page } = ws;
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('analytics-tab-quality').click();
    await page.getByTestId('quality-run').click();
    const link = page.getByTestId(`quality-open-${undiagnosed}`);
    await link.waitFor();
    await link.click();
    await page.locator(`[data-testid="patient-view"][data-patient-id="${patientIds.at(-1)}"]`).waitFor();
    expect(await page.getByTestId('patient-view').innerText()).toContain(SEEDED.at(-1)!.spec.fullName);
  });

  it('asks a decision support service, accepts its card and applies the reviewed draft as a problem', async () => {
    const { page } = ws;
    const patientId = patientIds[0]!;
    await openPatient(page, patientId);
    await page.getByTestId('patient-tab-advice').click();
    await page.getByTestId('cds-request').click();
    // The sync worker sends the call; the chart follows it until the card arrives.
    const card = page.locator('[data-testid^="cds-card-"]').first();
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toContain('Consider recording hypertension');
    expect(cds.calls).toHaveLength(1);
    expect(JSON.stringify(cds.calls[0]!.body)).not.toContain(SEEDED[0]!.spec.fullName);

    await page.locator('[data-testid^="cds-accept-"]').first().click();
    await page.locator('[data-testid^="cds-draft-review-"]').first().click();
    const text = page.getByTestId('problem-text');
    await expect.poll(() => text.inputValue()).toBe('Essential (primary) hypertension');
    await text.fill('原发性高血压（服务建议）');
    await page.getByTestId('problem-submit').click();
    await expect.poll(() => page.locator('[data-testid^="cds-draft-review-"]').count(), { timeout: 10_000 }).toBe(0);
    // Applied, by whom: the draft stays listed with what became of it.
    expect(await page.locator('[data-testid^="cds-draft-"]').first().locator('.ant-tag-green').innerText()).toContain('李医生');
    await ws.screenshot('analytics-cds-draft-applied');

    await page.getByTestId('patient-tab-problems').click();
    await expect.poll(() => page.getByTestId('problem-table').innerText(), { timeout: 10_000 }).toContain('原发性高血压（服务建议）');
    expect(await page.getByTestId('problem-table').innerText()).toContain('I10');
    const problems = await invoke<{ problems: Array<{ code: string; text: string }> }>(ws, 'chart.get', { patientId });
    expect(problems.problems).toMatchObject([{ code: 'I10', text: '原发性高血压（服务建议）' }]);
  });
});
