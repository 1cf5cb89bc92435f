import { afterEach, beforeEach } from 'vitest';
import { seededRandom } from '../../../main/analytics/clustering/random.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { ADMIN, testClinic, type TestClinic } from '../helpers/clinic.ts';

export const VITALS = ['systolic', 'diastolic', 'heart_rate', 'temperature', 'spo2', 'respiratory_rate', 'height', 'weight', 'bmi'] as const;
export type VitalColumn = (typeof VITALS)[number];

export interface GeneratedPatient {
  id: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birthDate: string;
}
export interface GeneratedEncounter {
  id: string;
  patientId: string;
  at: number;
  provider: string;
  codes: string[];
  /** The one vitals row taken in the encounter; null = not measured. */
  vitals: Record<VitalColumn, number | null> | null;
}

export interface AnalyticsClinic extends TestClinic {
  patients: GeneratedPatient[];
  encounters: GeneratedEncounter[];
}

const CODES = ['E11.9', 'I10', 'J06.9', 'K21.0', 'M54.5', 'I25.1', 'Z00.0'];
const PROVIDERS = ['Dr Wang', 'Dr Chen', 'Dr Li'];
const DAY = 24 * 60 * 60_000;

/** A clinic with an administrator (`a`), a physician (`p`) and front desk (`d`) signed in. */
export async function analyticsClinic(): Promise<TestClinic> {
  const clinic = await testClinic();
  await clinic.ok('a', 'session.login', { username: 'admin', password: ADMIN.password });
  for (const [connection, username, role] of [
    ['p', 'drwang', 'physician'],
    ['d', 'desk1', 'frontdesk'],
  ] as const) {
    await clinic.ok('a', 'accounts.create', { username, displayName: username, role, password: 'staff password 1' });
    await clinic.ok(connection, 'session.login', { username, password: 'staff password 1' });
  }
  return clinic;
}

/**
 * Generated charts with gaps: some patients without vitals, some vitals rows
 * missing some measures, some encounters without diagnoses. Written through a
 * second connection to the encrypted store, as generated data (the chart's
 * own services are tested by its helper).
 */
export async function seedCharts(clinic: TestClinic, seed: number, count = 80): Promise<{ patients: GeneratedPatient[]; encounters: GeneratedEncounter[] }> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sexes = ['female', 'male', 'other', 'unknown'] as const;
  const specs = Array.from({ length: count }, (_, i) => {
    const year = 1925 + Math.floor(random() * 95);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return { fullName: `Patient ${i} 测试`, sex: pick(sexes), birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  });
  const ids = await clinic.services.vault.store.methods.patients.insertMany(specs);
  const patients = ids.map((id, i) => ({ id, sex: specs[i]!.sex, birthDate: specs[i]!.birthDate }));
  const now = clinic.clock.now();
  const encounters: GeneratedEncounter[] = [];
  const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
  try {
    const insertEncounter = db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'cc', '', '', '', '', '', 'draft', 'gen', ?, ?)`);
    const insertDiagnosis = db.prepare('INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES (?, ?, ?, ?)');
    const insertVitals = db.prepare(`INSERT INTO vital_signs (id, patient_id, at, encounter_id, ${VITALS.join(', ')}, recorded_by_name, created_at, updated_at)
      VALUES (?, ?, ?, ?, ${VITALS.map(() => '?').join(', ')}, 'gen', ?, ?)`);
    let serial = 0;
    db.transaction(() => {
      for (const patient of patients) {
        const visits = Math.floor(random() * 4);
        for (let v = 0; v < visits; v++) {
          const id = `enc-${seed}-${serial++}`;
          const at = now - Math.floor(random() * 400) * DAY - Math.floor(random() * DAY);
          const provider = pick(PROVIDERS);
          const codes = [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(CODES)))];
          insertEncounter.run([id, patient.id, at, provider, at, at]);
          codes.forEach((code, position) => insertDiagnosis.run([id, position, code, 'text']));
          let vitals: GeneratedEncounter['vitals'] = null;
          if (random() < 0.8) {
            const base: Record<VitalColumn, number> = {
              systolic: 100 + Math.round(random() * 60),
              diastolic: 60 + Math.round(random() * 30),
              heart_rate: 55 + Math.round(random() * 50),
              temperature: Math.round((36 + random() * 2) * 10) / 10,
              spo2: 92 + Math.round(random() * 8),
              respiratory_rate: 12 + Math.round(random() * 10),
              height: 150 + Math.round(random() * 40),
              weight: 45 + Math.round(random() * 50),
              bmi: 0,
            };
            base.bmi = Math.round((base.weight / (base.height / 100) ** 2) * 10) / 10;
            vitals = Object.fromEntries(VITALS.map((column) => [column, random() < 0.2 ? null : base[column]])) as Record<VitalColumn, number | null>;
            insertVitals.run([`vit-${id}`, patient.id, at, id, ...VITALS.map((column) => vitals![column]), at, at]);
          }
          encounters.push({ id, patientId: patient.id, at, provider, codes, vitals });
        }
      }
    })();
  } finally {
    db.close();
  }
  return { patients, encounters };
}

export function useAnalyticsClinic(seed = 1, count = 80): () => AnalyticsClinic {
  let clinic: AnalyticsClinic;
  beforeEach(async () => {
    const base = await analyticsClinic();
    clinic = Object.assign(base, await seedCharts(base, seed, count));
    // Setting up a clinic signs in three accounts (scrypt): slow on a loaded machine.
  }, 60_000);
  afterEach(() => clinic.cleanup(), 60_000);
  return () => clinic;
}
