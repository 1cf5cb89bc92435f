import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { analyticsClinic } from './helpers.ts';

describe('data quality report', () => {
  it('reports completeness, implausible values, BMI mismatches, duplicates, invalid codes and undiagnosed encounters, each linked to its record', async () => {
    const c = await analyticsClinic();
    try {
      const register = async (fullName: string, birthDate: string, phones: string[] = []) =>
        (await c.ok('d', 'patients.register', { patient: { fullName, sex: 'female', birthDate, phones }, confirmedNotDuplicate: true })).id;
      const wang = await register('王芳', '1980-03-04', ['13800138000']);
      const wangAgain = await register('王芳', '1980-03-04');
      const li = await register('李娜', '1975-06-07', ['13900139000']);
      const now = c.clock.now();
      const db = openEncrypted(c.services.paths.database, c.services.vault.dbKey);
      try {
        const encounter = db.prepare(`INSERT INTO encounters (id, patient_id, at, provider_name, chief_complaint, subjective, objective, assessment, plan, orders, status, author_name, created_at, updated_at)
          VALUES (?, ?, ?, 'Dr Wang', 'cough', '', '', '', '', '', 'draft', 'gen', ?, ?)`);
        encounter.run(['enc-ok', li, now - 1000, now, now]);
        encounter.run(['enc-bad-code', li, now - 2000, now, now]);
        encounter.run(['enc-none', wang, now - 3000, now, now]);
        db.prepare("INSERT INTO encounter_diagnoses (encounter_id, position, code, text) VALUES ('enc-ok', 0, 'J06.9', 'URI'), ('enc-bad-code', 0, 'XYZ.1', 'typo')").run();
        const vitals = db.prepare(`INSERT INTO vital_signs (id, patient_id, at, encounter_id, systolic, diastolic, height, weight, bmi, recorded_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'gen', ?, ?)`);
        vitals.run(['vit-high', li, now - 1000, 'enc-ok', 400, 80, 165, 60, 22.0, now, now]);
        vitals.run(['vit-bmi', wang, now - 3000, 'enc-none', 120, 80, 160, 80, 22.0, now, now]);
        vitals.run(['vit-fine', wang, now - 4000, null, 118, 76, 160, 56, 21.9, now, now]);
      } finally {
        db.close();
      }

      const report = await c.ok('p', 'analytics.quality.report', {});
      const find = (kind: string, recordId: string) => report.findings.find((f) => f.kind === kind && f.recordId === recordId);
      expect(find('implausibleValue', 'vit-high')).toMatchObject({ entity: 'vitals', patientId: li, field: 'systolic', value: '400', route: `#/patients/${li}` });
      expect(find('bmiMismatch', 'vit-bmi')).toMatchObject({ patientId: wang, field: 'bmi' });
      expect(report.findings.filter((f) => f.recordId === 'vit-fine')).toEqual([]);
      expect(find('invalidCode', 'enc-bad-code')).toMatchObject({ entity: 'encounter', value: 'XYZ.1', route: `#/patients/${li}` });
      expect(find('encounterWithoutDiagnosis', 'enc-none')).toMatchObject({ patientId: wang });
      const duplicates = report.findings.filter((f) => f.kind === 'likelyDuplicate');
      expect(duplicates).toHaveLength(1);
      expect([duplicates[0]!.patientId, duplicates[0]!.otherPatientId].sort()).toEqual([wang, wangAgain].sort());
      expect(report.counts).toMatchObject({ likelyDuplicate: 1, invalidCode: 1, encounterWithoutDiagnosis: 1, bmiMismatch: 1 });

      const completeness = (entity: string, field: string) => report.completeness.find((row) => row.entity === entity && row.field === field);
      expect(completeness('patient', 'phones')).toEqual({ entity: 'patient', field: 'phones', present: 2, total: 3 });
      expect(completeness('encounter', 'diagnoses')).toMatchObject({ present: 2, total: 3 });
      expect(completeness('vitals', 'heartRate')).toMatchObject({ present: 0, total: 3 });
      // No names in the report.
      expect(JSON.stringify(report)).not.toMatch(/王芳|李娜|1380013/);
    } finally {
      await c.cleanup();
    }
  });
});
