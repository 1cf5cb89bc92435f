import type Database from '@signalapp/sqlcipher';
import type { Feature } from '../../../preload/contract/analytics.ts';
import { ageAt } from '../statistics/age.ts';
import { VITAL_COLUMNS, type VitalMeasure } from '../statistics/rows.node.ts';

/** The feature matrix of the live patients, column by column (NaN = missing), ready to hand to the clustering worker. */
export interface FeatureColumns {
  /** Patient ids joined by "\n": one string crosses threads far faster than 100,000. */
  patientIds: string;
  columns: Float64Array[];
}

const YEAR_MS = 365 * 24 * 60 * 60_000;

/** Counts over the chart: 0 is a real value (no visit), never missing. */
const COUNT_SQL: Readonly<Record<'encounters12m' | 'activeProblems' | 'activeMedications' | 'noShows12m', string>> = {
  encounters12m: 'SELECT patient_id, count(*) AS n FROM encounters WHERE error_reason IS NULL AND at >= $since GROUP BY patient_id',
  activeProblems: "SELECT patient_id, count(*) AS n FROM problems WHERE error_reason IS NULL AND status = 'active' GROUP BY patient_id",
  activeMedications: "SELECT patient_id, count(*) AS n FROM medications WHERE error_reason IS NULL AND status = 'active' GROUP BY patient_id",
  noShows12m: "SELECT patient_id, count(*) AS n FROM appointments WHERE status = 'no-show' AND starts_at >= $since GROUP BY patient_id",
};

export function featureColumns(db: Database, features: readonly Feature[], now: number): FeatureColumns {
  const patients = db.prepare('SELECT id, birth_date FROM patients WHERE merged_into IS NULL ORDER BY seq').all<{ id: string; birth_date: string }>();
  const index = new Map(patients.map((patient, i) => [patient.id, i]));
  const columns = features.map((feature) => {
    const column = new Float64Array(patients.length);
    if (feature === 'age') {
      patients.forEach((patient, i) => (column[i] = ageAt(patient.birth_date, now) ?? NaN));
    } else if (feature in COUNT_SQL) {
      const sql = COUNT_SQL[feature as keyof typeof COUNT_SQL];
      const statement = db.prepare(sql);
      const rows = sql.includes('$since') ? statement.all<{ patient_id: string; n: number }>({ since: now - YEAR_MS }) : statement.all<{ patient_id: string; n: number }>();
      for (const row of rows) {
        const i = index.get(row.patient_id);
        if (i !== undefined) column[i] = row.n;
      }
    } else {
      column.fill(NaN);
      const name = VITAL_COLUMNS[feature as VitalMeasure];
      // Latest recorded value: rows in time order, later ones overwrite.
      const rows = db.prepare(`SELECT patient_id, ${name} AS value FROM vital_signs WHERE error_reason IS NULL AND ${name} IS NOT NULL ORDER BY at`).all<{ patient_id: string; value: number }>();
      for (const row of rows) {
        const i = index.get(row.patient_id);
        if (i !== undefined) column[i] = row.value;
      }
    }
    return column;
  });
  return { patientIds: patients.map((patient) => patient.id).join('\n'), columns };
}
