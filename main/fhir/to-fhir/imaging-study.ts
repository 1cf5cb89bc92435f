import type { ImagingStudy } from '@medplum/fhirtypes';
import type { ImagingStudySummary } from '../chart-snapshot.ts';
import { SYSTEMS } from '../systems.ts';
import { reference } from './references.ts';

/** A DICOM modality code, or OT (other) when the files name none. */
const modality = (code: string) => ({ system: SYSTEMS.dicomModality, code: /^[A-Z0-9]{1,16}$/.test(code) ? code : 'OT' });

/**
 * A linked study as an ImagingStudy: its Study Instance UID as identifier,
 * series with their UIDs, modalities and instance counts. The images stay in
 * the encrypted store; a receiver retrieves them over DICOM.
 */
export function imagingStudyResource(study: ImagingStudySummary, patientId: string): ImagingStudy {
  const modalities = [...new Set(study.series.map((series) => modality(series.modality).code))];
  return {
    resourceType: 'ImagingStudy',
    id: study.id,
    identifier: [
      { system: SYSTEMS.dicomUid, value: `urn:oid:${study.studyUid}` },
      ...(study.accession ? [{ type: { coding: [{ system: SYSTEMS.identifierType, code: 'ACSN' }] }, value: study.accession }] : []),
    ],
    status: 'available',
    ...(modalities.length ? { modality: modalities.map((code) => ({ system: SYSTEMS.dicomModality, code })) } : {}),
    subject: reference(patientId),
    ...(study.studyDate ? { started: study.studyDate } : {}),
    ...(study.referring ? { referrer: { display: study.referring } } : {}),
    numberOfSeries: study.series.length,
    numberOfInstances: study.series.reduce((sum, series) => sum + series.instances, 0),
    ...(study.description ? { description: study.description } : {}),
    ...(study.series.length
      ? {
          series: study.series.map((series) => ({
            uid: series.uid,
            ...(series.number !== null ? { number: series.number } : {}),
            modality: modality(series.modality),
            ...(series.description ? { description: series.description } : {}),
            numberOfInstances: series.instances,
            ...(series.bodyPart ? { bodySite: { display: series.bodyPart } } : {}),
          })),
        }
      : {}),
  };
}
