import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { AGE_BAND_EXTENSION, deidentifyBundle } from '../../../main/analytics/deidentify/deidentify-bundle.ts';
import { identifyingValues } from '../../../main/analytics/deidentify/identifying-values.ts';
import { shiftFhirDate } from '../../../main/analytics/deidentify/shift-date.ts';
import type { Patient } from '../../../preload/contract/patients.ts';

const PATIENT: Patient = {
  id: '0193a2b4-1111-7000-8000-000000000001',
  mrn: 'MRN00001234',
  fullName: '张三丰',
  familyName: '张',
  givenName: '三丰',
  pinyin: 'zhang san feng',
  pinyinInitials: 'zsf',
  sex: 'male',
  birthDate: '1931-05-01',
  phones: ['138 0013 8000'],
  identifier: { type: 'cn-resident', value: '11010519310501001X' },
  address: '北京市朝阳区建国路88号 3单元',
  insurance: { provider: '城镇职工医保', number: 'YB20240001' },
  emergencyContact: { name: '李四', phone: '13900139000', relation: '儿子' },
  allergies: 'has',
  notes: '老朋友 张三丰',
  createdAt: 0,
  updatedAt: 0,
};

function chartBundle(patient: Patient): Bundle {
  const ref = { reference: `urn:uuid:${patient.id}`, display: patient.fullName };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: '2026-11-25T08:00:00.000Z',
    entry: [
      {
        fullUrl: `urn:uuid:${patient.id}`,
        resource: {
          resourceType: 'Patient',
          id: patient.id,
          meta: { lastUpdated: '2026-11-20T08:00:00.000Z' },
          text: { status: 'generated', div: `<div>${patient.fullName}</div>` },
          extension: [{ url: 'x:notes', valueString: patient.notes! }],
          identifier: [{ system: 'x:mrn', value: patient.mrn }, { system: 'x:id', value: patient.identifier!.value }],
          name: [{ text: patient.fullName, family: patient.familyName!, given: [patient.givenName!] }, { text: patient.pinyin! }],
          telecom: [{ system: 'phone', value: patient.phones[0]! }],
          gender: 'male',
          birthDate: patient.birthDate,
          address: [{ text: patient.address! }],
          contact: [{ name: { text: patient.emergencyContact!.name }, telecom: [{ system: 'phone', value: patient.emergencyContact!.phone }] }],
          photo: [{ contentType: 'image/png', data: 'iVBORw0KGgo=' }],
        },
      },
      {
        fullUrl: 'urn:uuid:0193a2b4-2222-7000-8000-000000000002',
        resource: {
          resourceType: 'Coverage',
          id: '0193a2b4-2222-7000-8000-000000000002',
          status: 'active',
          subscriberId: patient.insurance!.number,
          beneficiary: ref,
          payor: [{ display: patient.insurance!.provider }],
        },
      },
      {
        fullUrl: 'urn:uuid:0193a2b4-3333-7000-8000-000000000003',
        resource: {
          resourceType: 'Encounter',
          id: '0193a2b4-3333-7000-8000-000000000003',
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
          subject: ref,
          participant: [{ individual: { reference: 'Practitioner/dr-wang', display: 'Dr Wang' } }],
          period: { start: '2026-03-04T09:30:00.000Z', end: '2026-03-04T09:50:00.000Z' },
          reasonCode: [{ text: `胸闷 — 张三丰 brought by 李四, call 13900139000 or zhangsanfeng@example.cn; lives at 建国路88号` }],
        },
      },
      {
        fullUrl: 'urn:uuid:0193a2b4-4444-7000-8000-000000000004',
        resource: {
          resourceType: 'Condition',
          id: '0193a2b4-4444-7000-8000-000000000004',
          subject: ref,
          encounter: { reference: 'urn:uuid:0193a2b4-3333-7000-8000-000000000003' },
          code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Essential hypertension' }], text: '高血压' },
          onsetDateTime: '2020-06',
          recordedDate: '2026-03-04',
          note: [{ text: 'Patient 138-0013-8000 ID 11010519310501001X MRN00001234, zhang san feng, 95岁, a 95 year old man' }],
        },
      },
      {
        fullUrl: 'urn:uuid:0193a2b4-5555-7000-8000-000000000005',
        resource: {
          resourceType: 'DocumentReference',
          id: '0193a2b4-5555-7000-8000-000000000005',
          status: 'current',
          subject: ref,
          date: '2026-03-04T10:00:00.000Z',
          content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/abc', title: '张三丰 discharge letter', size: 1234 } }],
        },
      },
    ],
  };
}

const SHIFT = -37;

describe('de-identification', () => {
  const output = deidentifyBundle(chartBundle(PATIENT), { shiftDays: SHIFT, identifyingValues: identifyingValues(PATIENT), salt: 'export-1', now: Date.parse('2026-11-25T00:00:00Z') });
  const json = JSON.stringify(output);

  it('leaves none of the chart’s identifying values in any field or free text', () => {
    const values = [
      PATIENT.fullName,
      PATIENT.givenName!,
      PATIENT.pinyin!,
      'zhangsanfeng',
      PATIENT.mrn,
      PATIENT.identifier!.value,
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      PATIENT.address!,
      '建国路88号',
      PATIENT.insurance!.number,
      PATIENT.emergencyContact!.name,
      PATIENT.emergencyContact!.phone,
      PATIENT.birthDate,
      PATIENT.id,
      'zhangsanfeng@example.cn',
      'Binary/abc',
      'Dr Wang',
      'iVBORw0KGgo',
    ];
    for (const value of values) expect(json.toLowerCase(), value).not.toContain(value.toLowerCase());
    // Nothing of the store's ids either: every id and reference is a pseudonym.
    expect(json).not.toContain('0193a2b4');
  });

  it('keeps the clinical content, with dates shifted consistently and references resolving', () => {
    const [patient, coverage, encounter, condition, document] = output.entry!.map((e) => e.resource as unknown as Record<string, any>);
    expect(patient).toEqual({ resourceType: 'Patient', id: patient!.id, gender: 'male', extension: [{ url: AGE_BAND_EXTENSION, valueString: '90+' }] });
    expect(coverage).toEqual({ resourceType: 'Coverage', id: coverage!.id, status: 'active', beneficiary: { reference: `urn:uuid:${patient!.id}` }, payor: [{}] });
    expect(output.entry![0]!.fullUrl).toBe(`urn:uuid:${patient!.id}`);
    expect(encounter!.period).toEqual({ start: shiftFhirDate('2026-03-04T09:30:00.000Z', SHIFT), end: shiftFhirDate('2026-03-04T09:50:00.000Z', SHIFT) });
    expect(encounter!.period.start).toBe('2026-01-26T09:30:00.000Z');
    expect(encounter!.participant).toEqual([{ individual: { reference: expect.stringMatching(/^Practitioner\/[0-9a-f-]{36}$/) } }]);
    expect(encounter!.reasonCode[0].text).toMatch(/^胸闷 — \[REDACTED\]/);
    expect(condition!.code).toEqual({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Essential hypertension' }], text: '高血压' });
    expect(condition!.recordedDate).toBe('2026-01-26');
    expect(condition!.onsetDateTime).toBe('2020-05');
    expect(condition!.note[0].text).toContain('90+岁, a 90+ year old man');
    expect(condition!.note[0].text).not.toMatch(/95/);
    expect(condition!.encounter.reference).toBe(`urn:uuid:${encounter!.id}`);
    expect(document!.content).toEqual([{ attachment: { contentType: 'application/pdf', size: 1234 } }]);
  });

  it('keeps a birth date (shifted) at 89 and younger, and pseudonyms differ between outputs', () => {
    const young = { ...PATIENT, birthDate: '1960-02-29' };
    const out = deidentifyBundle(chartBundle(young), { shiftDays: 10, identifyingValues: identifyingValues(young), salt: 'a', now: Date.parse('2026-11-25T00:00:00Z') });
    const other = deidentifyBundle(chartBundle(young), { shiftDays: 10, identifyingValues: identifyingValues(young), salt: 'b', now: Date.parse('2026-11-25T00:00:00Z') });
    expect((out.entry![0]!.resource as { birthDate?: string }).birthDate).toBe('1960-03-10');
    expect(out.entry![0]!.resource!.id).not.toBe(other.entry![0]!.resource!.id);
  });
});
