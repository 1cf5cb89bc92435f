import type { Bundle, DocumentReference, ImagingStudy } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { ChartSnapshot } from '../../../main/fhir/chart-snapshot.ts';
import { chartToBundle, resourceCounts } from '../../../main/fhir/chart-to-bundle.ts';
import { bundleToPlan } from '../../../main/fhir/bundle-to-plan.ts';
import { validateBundle } from '../../../main/fhir/schema.node.ts';

const AT = Date.UTC(2025, 0, 2, 3, 4, 5);
const author = { userId: null, name: '王护士' };

/** A chart snapshot built by hand: the mapping is pure, so no store is needed. */
const snapshot: ChartSnapshot = {
  storeId: '0190c5f0-0000-7000-8000-0000000000ff',
  patient: {
    id: '0190c5f0-0000-7000-8000-000000000001',
    mrn: 'MRN00000007',
    fullName: 'Anna Müller',
    familyName: 'Müller',
    givenName: 'Anna',
    pinyin: null,
    pinyinInitials: null,
    sex: 'other',
    birthDate: '1950-12-31',
    phones: [],
    identifier: { type: 'passport', value: 'C01X00T47' },
    address: null,
    insurance: null,
    emergencyContact: null,
    allergies: 'none',
    notes: null,
    createdAt: AT,
    updatedAt: AT,
  },
  appointments: [],
  encounters: [],
  vitals: [],
  problems: [],
  allergies: [],
  medications: [],
  documents: [
    { id: '0190c5f0-0000-7000-8000-000000000002', patientId: '0190c5f0-0000-7000-8000-000000000001', title: '出院小结', kind: 'report', date: '2024-11-30', encounterId: null, mediaType: 'application/pdf', size: 123_456, recordedBy: author, createdAt: AT, updatedAt: AT },
  ],
  imagingStudies: [
    {
      id: '0190c5f0-0000-7000-8000-000000000003',
      studyUid: '1.2.826.0.1.3680043.8.498.1',
      studyDate: '2024-11-29',
      description: 'CT CHEST',
      accession: 'A123',
      referring: 'Li^Wei',
      series: [
        { uid: '1.2.826.0.1.3680043.8.498.2', number: 1, modality: 'CT', description: 'AXIAL', bodyPart: 'CHEST', instances: 120 },
        { uid: '1.2.826.0.1.3680043.8.498.3', number: 2, modality: '', description: '', bodyPart: '', instances: 1 },
      ],
    },
  ],
};

describe('chartToBundle', () => {
  const bundle: Bundle = chartToBundle(snapshot, { at: AT });

  it('lists documents without their content and imaging studies by their DICOM UIDs, in a schema-valid bundle', async () => {
    expect(await validateBundle(bundle)).toEqual([]);
    expect(resourceCounts(bundle)).toEqual({ Patient: 1, DocumentReference: 1, ImagingStudy: 1 });
    const document = bundle.entry![1]!.resource as DocumentReference;
    expect(document.content[0]!.attachment).toEqual({ contentType: 'application/pdf', size: 123_456, title: '出院小结', creation: '2024-11-30' });
    const study = bundle.entry![2]!.resource as ImagingStudy;
    expect(study.identifier?.[0]).toEqual({ system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.8.498.1' });
    expect(study).toMatchObject({ numberOfSeries: 2, numberOfInstances: 121, modality: [{ code: 'CT' }, { code: 'OT' }] });
    expect(bundle.timestamp).toBe('2025-01-02T03:04:05.000Z');
  }, 60_000);

  it('gives a Latin name one HumanName without pinyin, and a passport its own system', () => {
    const patient = bundle.entry![0]!.resource as import('@medplum/fhirtypes').Patient;
    expect(patient.name).toEqual([{ use: 'official', text: 'Anna Müller', family: 'Müller', given: ['Anna'] }]);
    expect(patient.identifier?.[1]).toMatchObject({ system: 'http://clinic-workstation.local/fhir/sid/passport', value: 'C01X00T47' });
  });

  it('is deterministic: the same chart gives the same bundle, derived ids included', () => {
    expect(chartToBundle(snapshot, { at: AT })).toEqual(bundle);
  });

  it('reads back the patient, and reports a document without its file and imaging studies as not imported', () => {
    const planned = bundleToPlan(structuredClone(bundle));
    if (!planned.ok) throw new Error('refused');
    expect(planned.plan.patient.fields).toMatchObject({ fullName: 'Anna Müller', familyName: 'Müller', givenName: 'Anna', sex: 'other', identifier: { type: 'passport', value: 'C01X00T47' }, allergies: 'none' });
    expect(planned.plan.documents).toEqual([]);
    expect(planned.plan.skipped.map((entry) => [entry.resourceType, entry.reason, entry.path])).toEqual([
      ['DocumentReference', 'no-content', '/content'],
      ['ImagingStudy', 'unsupported-type', null],
    ]);
  });
});
