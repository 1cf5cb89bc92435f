import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBundle } from '../../../main/fhir/schema.node.ts';
import { chartWithEverything } from './chart-fixture.ts';
import { fhirClinic, sqlWrite, type FhirClinic } from './helpers.ts';

describe('FHIR export', () => {
  let clinic: FhirClinic;
  let bundle: Bundle;
  let patientId: string;

  beforeAll(async () => {
    clinic = await fhirClinic();
    ({ patientId } = await chartWithEverything(clinic));
    clinic.answer.save = join(clinic.folder, 'chart.json');
    const result = await clinic.ok('physician', 'fhir.exportChart', { patientId });
    expect(result).toMatchObject({ cancelled: false, fileName: 'chart.json' });
    bundle = JSON.parse(await readFile(clinic.answer.save, 'utf8')) as Bundle;
  }, 60_000);
  afterAll(() => clinic.cleanup());

  it('writes a bundle the FHIR R4 schema accepts', async () => {
    expect(await validateBundle(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    const types = bundle.entry!.map((entry) => entry.resource!.resourceType);
    expect(types[0]).toBe('Patient');
    for (const type of ['Coverage', 'Appointment', 'Encounter', 'Condition', 'Observation', 'AllergyIntolerance', 'MedicationStatement']) expect(types).toContain(type);
  });

  const observations = () => bundle.entry!.map((entry) => entry.resource!).filter((resource): resource is Observation => resource.resourceType === 'Observation');
  const byLoinc = (code: string) => observations().filter((o) => o.code.coding?.some((coding) => coding.system === 'http://loinc.org' && coding.code === code));

  it('codes vital signs in LOINC with UCUM units, blood pressure as a panel of two components', () => {
    const [bp] = byLoinc('85354-9');
    expect(bp!.valueQuantity).toBeUndefined();
    expect(bp!.component).toEqual([
      expect.objectContaining({ code: expect.objectContaining({ coding: [expect.objectContaining({ system: 'http://loinc.org', code: '8480-6' })] }), valueQuantity: expect.objectContaining({ value: 128, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }) }),
      expect.objectContaining({ code: expect.objectContaining({ coding: [expect.objectContaining({ system: 'http://loinc.org', code: '8462-4' })] }), valueQuantity: expect.objectContaining({ value: 82, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }) }),
    ]);
    const single: [string, number, string][] = [
      ['8867-4', 76, '/min'],
      ['8310-5', 38.2, 'Cel'],
      ['59408-5', 97, '%'],
      ['9279-1', 18, '/min'],
      ['8302-2', 165.5, 'cm'],
      ['39156-5', 21.3, 'kg/m2'],
    ];
    for (const [code, value, unit] of single) {
      const [observation] = byLoinc(code);
      expect(observation?.valueQuantity, code).toEqual({ value, unit: expect.any(String), system: 'http://unitsofmeasure.org', code: unit });
      expect(observation?.category?.[0]?.coding?.[0]?.code).toBe('vital-signs');
      expect(observation?.status).toBe('final');
    }
    // SpO₂ carries the generic oxygen saturation code the vital signs profile requires as well.
    expect(byLoinc('2708-6')).toHaveLength(1);
    // Two sets weighed: each weight in kg.
    expect(byLoinc('29463-7').map((o) => o.valueQuantity)).toEqual([
      { value: 58.3, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      { value: 58.1, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    ]);
    // Each set is a vital signs panel whose members are in the bundle.
    const panels = byLoinc('85353-1');
    expect(panels).toHaveLength(2);
    const urls = new Set(bundle.entry!.map((entry) => entry.fullUrl));
    for (const member of panels.flatMap((panel) => panel.hasMember ?? [])) expect(urls.has(member.reference)).toBe(true);
  });

  it('names the patient in 汉字 and pinyin, with MRN and resident ID identifiers', () => {
    const patient = bundle.entry![0]!.resource as import('@medplum/fhirtypes').Patient;
    expect(patient.name).toEqual([
      expect.objectContaining({ text: '欧阳娜娜', family: '欧阳', given: ['娜娜'], extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'IDE' }] }),
      expect.objectContaining({ text: 'ou yang na na', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'ABC' }] }),
    ]);
    expect(patient.identifier).toEqual([
      expect.objectContaining({ system: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/), value: 'MRN00000001', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } }),
      expect.objectContaining({ system: 'urn:oid:2.16.156.10011.1.11', value: expect.stringMatching(/^\d{17}[\dX]$/) }),
    ]);
    expect(patient.gender).toBe('female');
    expect(patient.birthDate).toBe('1988-03-09');
  });

  it('codes diagnoses and problems in ICD-10 and links each diagnosis to its encounter', () => {
    const conditions = bundle.entry!.map((entry) => entry.resource!).filter((r) => r.resourceType === 'Condition') as import('@medplum/fhirtypes').Condition[];
    const coded = conditions.map((c) => [c.category?.[0]?.coding?.[0]?.code, c.code?.coding?.[0]?.system, c.code?.coding?.[0]?.code]);
    // Diagnoses in the note's order; the two problems were recorded in the same millisecond, so in either order.
    expect(coded.slice(0, 2)).toEqual([
      ['encounter-diagnosis', 'http://hl7.org/fhir/sid/icd-10', 'J06.9'],
      ['encounter-diagnosis', 'http://hl7.org/fhir/sid/icd-10', 'R50.9'],
    ]);
    expect(coded.slice(2).sort()).toEqual([
      ['problem-list-item', 'http://hl7.org/fhir/sid/icd-10', 'E11.9'],
      ['problem-list-item', 'http://hl7.org/fhir/sid/icd-10', 'I10'],
    ]);
    const encounter = bundle.entry!.find((entry) => entry.resource!.resourceType === 'Encounter')!.resource as import('@medplum/fhirtypes').Encounter;
    expect(encounter.diagnosis?.map((d) => d.condition.reference)).toEqual(conditions.slice(0, 2).map((c) => `urn:uuid:${c.id}`));
  });

  it('names no patient in the file name it suggests, and is audited as an export', async () => {
    const { entries } = await clinic.ok('admin', 'audit.query', { patientId, action: 'export' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ username: 'physician', entityId: patientId });
  });

  it('refuses other roles and an unknown patient, writing nothing', async () => {
    expect((await clinic.call('frontdesk', 'fhir.exportChart', { patientId })).ok).toBe(false);
    expect((await clinic.call('nurse', 'fhir.exportChart', { patientId })).ok).toBe(false);
    clinic.answer.save = join(clinic.folder, 'nobody.json');
    const result = await clinic.call('admin', 'fhir.exportChart', { patientId: '0190c5f0-0000-7000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(readFile(clinic.answer.save)).rejects.toThrow();
  });

  it('does nothing when the save dialog is cancelled', async () => {
    clinic.answer.save = null;
    expect(await clinic.ok('admin', 'fhir.exportChart', { patientId })).toEqual({ cancelled: true });
  });

  it('refuses to write a bundle the R4 schema would refuse, and says so without patient data', async () => {
    // A DICOM series UID longer than FHIR's 64-character id: only a store edited behind the app's back holds one.
    const now = clinic.clock.now();
    sqlWrite(clinic, [
      ["INSERT INTO imaging_patients (id, match_key, created_at) VALUES ('ip1', 'k1', ?)", [now]],
      [
        "INSERT INTO imaging_studies (id, study_uid, imaging_patient_id, patient_id, link_reason, study_date, created_at, updated_at) VALUES ('0190c5f0-0000-7000-8000-0000000000e1', '1.2.3', 'ip1', ?, 'manual', '2024-01-01', ?, ?)",
        [patientId, now, now],
      ],
      ["INSERT INTO imaging_series (id, study_id, series_uid, modality, created_at) VALUES ('se1', '0190c5f0-0000-7000-8000-0000000000e1', ?, 'CT', ?)", [`1.${'2'.repeat(70)}`, now]],
    ]);
    clinic.answer.save = join(clinic.folder, 'invalid.json');
    const result = await clinic.call('physician', 'fhir.exportChart', { patientId });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(/valid FHIR R4; nothing was written/);
      expect(result.error.message).not.toMatch(/欧阳|MRN/);
    }
    await expect(readFile(clinic.answer.save)).rejects.toThrow();
  });
});
