import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../main/analytics/clustering/random.ts';
import { duplicatePairs } from '../../../main/analytics/quality/duplicate-pairs.node.ts';
import { findDuplicates } from '../../../main/patients/duplicates.node.ts';
import { toPatient, type PatientFields, type PatientRow } from '../../../main/patients/rows.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import type { Patient } from '../../../preload/contract/patients.ts';
import { testClinic, type TestClinic } from '../helpers/clinic.ts';

/** Names that collide: homophones, one-character typos, and unrelated ones. */
const NAMES = ['王小明', '王晓明', '王小名', '汪小明', '李华', '李桦', '李华华', '张伟', '章伟', '陈静', 'Wang Xiaoming', 'Li Hua'];

/** A stored record re-read as registration input: what the registration's own check takes. */
function fieldsOf(patient: Patient): PatientFields {
  return {
    fullName: patient.fullName,
    familyName: patient.familyName ?? undefined,
    givenName: patient.givenName ?? undefined,
    sex: patient.sex,
    birthDate: patient.birthDate,
    phones: patient.phones,
    identifier: patient.identifier,
    address: patient.address ?? undefined,
    insurance: patient.insurance,
    emergencyContact: patient.emergencyContact ? { ...patient.emergencyContact, relation: patient.emergencyContact.relation ?? undefined } : null,
    allergies: patient.allergies,
    notes: patient.notes ?? undefined,
  };
}

describe('likely duplicate pairs for the quality report', () => {
  let clinic: TestClinic;
  afterEach(() => clinic.cleanup());

  it('finds exactly the pairs the registration’s per-patient check finds, merged records left out', async () => {
    clinic = await testClinic();
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const dates = Array.from({ length: 40 }, (_, i) => `19${50 + i}-0${1 + (i % 9)}-1${i % 9}`);
    const phones = Array.from({ length: 200 }, (_, i) => `139${String(10_000_000 + i * 7919).slice(0, 8)}`);
    const specs = Array.from({ length: 400 }, () => ({
      fullName: pick(NAMES),
      sex: pick(['female', 'male'] as const),
      birthDate: pick(dates),
      phones: random() < 0.4 ? [] : random() < 0.8 ? [pick(phones)] : [pick(phones), pick(phones)],
    }));
    const ids = await clinic.services.vault.store.methods.patients.insertMany(specs);

    const db = openEncrypted(clinic.services.paths.database, clinic.services.vault.dbKey);
    try {
      // Merged records are no longer in the register: they pair with nobody.
      db.prepare('UPDATE patients SET merged_into = ? WHERE id IN (?, ?)').run([ids[0]!, ids[1]!, ids[2]!]);
      const live = db.prepare('SELECT * FROM patients WHERE merged_into IS NULL ORDER BY seq').all<PatientRow>();
      const oracle = new Set<string>();
      for (const row of live) {
        for (const candidate of findDuplicates(db, fieldsOf(toPatient(row)), row.id)) {
          oracle.add(`${[row.id, candidate.id].sort().join(' ')} ${[...candidate.reasons].sort().join(',')}`);
        }
      }
      const pairs = duplicatePairs(db);
      const found = new Set(pairs.map((pair) => `${[pair.patientId, pair.otherPatientId].sort().join(' ')} ${[...pair.reasons].sort().join(',')}`));
      expect(found.size).toBe(pairs.length);
      expect(oracle.size).toBeGreaterThan(50);
      expect([...found].sort()).toEqual([...oracle].sort());
      expect(pairs.some((pair) => [pair.patientId, pair.otherPatientId].includes(ids[1]!))).toBe(false);
      // The first record of a pair is the earlier registered one.
      const seq = new Map(live.map((row) => [row.id, row.seq]));
      expect(pairs.every((pair) => seq.get(pair.patientId)! < seq.get(pair.otherPatientId)!)).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);
});
