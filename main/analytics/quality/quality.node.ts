import type Database from '@signalapp/sqlcipher';
import type { QualityFinding, QualityKind, QualityReport } from '../../../preload/contract/analytics.ts';
import { duplicatePairs } from './duplicate-pairs.node.ts';
import { ageAt } from '../statistics/age.ts';
import { isValidIcd10 } from '../statistics/icd10.ts';
import { VITAL_COLUMNS, type VitalMeasure } from '../statistics/rows.node.ts';
import { BMI_TOLERANCE, MAX_AGE_YEARS, PLAUSIBLE } from './plausible.ts';

type Completeness = QualityReport['completeness'][number];

const patientRoute = (patientId: string) => `#/patients/${patientId}`;

function completeness(db: Database, entity: string, table: string, where: string, fields: Readonly<Record<string, string>>): Completeness[] {
  const columns = Object.entries(fields).map(([field, present]) => `sum(CASE WHEN ${present} THEN 1 ELSE 0 END) AS "${field}"`);
  const row = db.prepare(`SELECT count(*) AS total, ${columns.join(', ')} FROM ${table} WHERE ${where}`).get<Record<string, number | null>>()!;
  return Object.keys(fields).map((field) => ({ entity, field, present: row[field] ?? 0, total: row.total ?? 0 }));
}

/**
 * The data quality report, read in one store transaction. Findings name the
 * record and field and carry a non-identifying value (a code, a number),
 * never a name; the route opens the patient to fix it.
 */
export function qualityReport(db: Database, limit: number, now: number): QualityReport {
  const findings: QualityFinding[] = [];
  const counts: Record<string, number> = {};
  const add = (kind: QualityKind, finding: Omit<QualityFinding, 'kind' | 'route' | 'otherPatientId' | 'field' | 'value'> & Partial<Pick<QualityFinding, 'otherPatientId' | 'field' | 'value'>>) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (findings.length < limit) {
      findings.push({ kind, field: null, value: null, otherPatientId: null, ...finding, route: patientRoute(finding.patientId) });
    }
  };

  const report: QualityReport['completeness'] = [
    ...completeness(db, 'patient', 'patients', 'merged_into IS NULL', {
      sex: "sex <> 'unknown'",
      phones: "json_array_length(phones) > 0",
      identifier: 'id_value IS NOT NULL',
      address: "coalesce(address, '') <> ''",
      insurance: 'insurance IS NOT NULL',
      emergencyContact: 'emergency_contact IS NOT NULL',
      allergies: "allergies <> 'unknown'",
    }),
    ...completeness(db, 'encounter', 'encounters e', 'error_reason IS NULL', {
      chiefComplaint: "chief_complaint <> ''",
      assessment: "assessment <> ''",
      plan: "plan <> ''",
      diagnoses: 'EXISTS (SELECT 1 FROM encounter_diagnoses d WHERE d.encounter_id = e.id)',
      signed: "status = 'signed'",
    }),
    ...completeness(
      db,
      'vitals',
      'vital_signs',
      'error_reason IS NULL',
      Object.fromEntries(Object.entries(VITAL_COLUMNS).map(([measure, column]) => [measure, `${column} IS NOT NULL`])),
    ),
  ];

  const patients = db.prepare('SELECT id, sex, birth_date FROM patients WHERE merged_into IS NULL ORDER BY seq').all<{ id: string; sex: string; birth_date: string }>();
  const birthDates = new Map<string, string>();
  for (const row of patients) {
    birthDates.set(row.id, row.birth_date);
    if (row.sex === 'unknown') add('missingField', { entity: 'patient', recordId: row.id, patientId: row.id, field: 'sex' });
    const age = ageAt(row.birth_date, now);
    if (age === null || age > MAX_AGE_YEARS) add('implausibleValue', { entity: 'patient', recordId: row.id, patientId: row.id, field: 'birthDate', value: age === null ? 'future or invalid' : `${age} years` });
  }
  for (const pair of duplicatePairs(db)) {
    add('likelyDuplicate', { entity: 'patient', recordId: pair.patientId, patientId: pair.patientId, otherPatientId: pair.otherPatientId, value: pair.reasons.join(', ') });
  }

  const vitalSelect = Object.values(VITAL_COLUMNS).join(', ');
  for (const vital of db.prepare(`SELECT id, patient_id, at, ${vitalSelect} FROM vital_signs WHERE error_reason IS NULL`).all<Record<string, number | string | null>>()) {
    const recordId = String(vital.id);
    const patientId = String(vital.patient_id);
    for (const [measure, [min, max]] of Object.entries(PLAUSIBLE) as Array<[VitalMeasure, readonly [number, number]]>) {
      const value = vital[VITAL_COLUMNS[measure]];
      if (typeof value === 'number' && (value < min || value > max)) add('implausibleValue', { entity: 'vitals', recordId, patientId, field: measure, value: String(value) });
    }
    if (typeof vital.systolic === 'number' && typeof vital.diastolic === 'number' && vital.diastolic >= vital.systolic) {
      add('implausibleValue', { entity: 'vitals', recordId, patientId, field: 'diastolic', value: `${vital.systolic}/${vital.diastolic}` });
    }
    if (typeof vital.bmi === 'number' && typeof vital.height === 'number' && typeof vital.weight === 'number' && vital.height > 0) {
      const computed = vital.weight / (vital.height / 100) ** 2;
      if (Math.abs(computed - vital.bmi) > BMI_TOLERANCE) add('bmiMismatch', { entity: 'vitals', recordId, patientId, field: 'bmi', value: `${vital.bmi} ≠ ${computed.toFixed(1)}` });
    }
    const birthDate = birthDates.get(patientId);
    if (typeof vital.at === 'number' && (vital.at > now || (birthDate && ageAt(birthDate, vital.at) === null))) {
      add('implausibleValue', { entity: 'vitals', recordId, patientId, field: 'at', value: vital.at > now ? 'in the future' : 'before birth' });
    }
  }

  for (const encounter of db.prepare('SELECT id, patient_id, at FROM encounters WHERE error_reason IS NULL').all<{ id: string; patient_id: string; at: number }>()) {
    const birthDate = birthDates.get(encounter.patient_id);
    if (encounter.at > now || (birthDate && ageAt(birthDate, encounter.at) === null)) {
      add('implausibleValue', { entity: 'encounter', recordId: encounter.id, patientId: encounter.patient_id, field: 'at', value: encounter.at > now ? 'in the future' : 'before birth' });
    }
  }
  const codes = db
    .prepare(
      `SELECT 'encounter' AS entity, e.id AS record_id, e.patient_id, d.code FROM encounter_diagnoses d JOIN encounters e ON e.id = d.encounter_id WHERE e.error_reason IS NULL
       UNION ALL SELECT 'problem', id, patient_id, code FROM problems WHERE error_reason IS NULL AND code <> ''`,
    )
    .all<{ entity: string; record_id: string; patient_id: string; code: string }>();
  for (const row of codes) {
    if (!isValidIcd10(row.code)) add('invalidCode', { entity: row.entity, recordId: row.record_id, patientId: row.patient_id, field: 'code', value: row.code.slice(0, 20) });
  }
  const undiagnosed = db
    .prepare('SELECT id, patient_id FROM encounters e WHERE error_reason IS NULL AND NOT EXISTS (SELECT 1 FROM encounter_diagnoses d WHERE d.encounter_id = e.id) ORDER BY at')
    .all<{ id: string; patient_id: string }>();
  for (const row of undiagnosed) add('encounterWithoutDiagnosis', { entity: 'encounter', recordId: row.id, patientId: row.patient_id, field: 'diagnoses' });

  return { generatedAt: now, completeness: report, findings, counts, truncated: findings.length < Object.values(counts).reduce((a, b) => a + b, 0) };
}
