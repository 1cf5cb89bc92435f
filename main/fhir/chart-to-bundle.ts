import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { ChartSnapshot } from './chart-snapshot.ts';
import { allergyResource } from './to-fhir/allergy.ts';
import { appointmentResource } from './to-fhir/appointment.ts';
import { documentResource, type EmbeddedFile } from './to-fhir/document.ts';
import { imagingStudyResource } from './to-fhir/imaging-study.ts';
import { diagnosisResources, encounterResource } from './to-fhir/encounter.ts';
import { medicationResource } from './to-fhir/medication.ts';
import { coverageResource, patientResource } from './to-fhir/patient.ts';
import { problemResource } from './to-fhir/problem.ts';
import { derivedUuid, fullUrl } from './to-fhir/references.ts';
import { vitalsResources } from './to-fhir/vitals.ts';
import { toInstant } from './time.ts';

/**
 * A patient's whole chart as a FHIR R4 `collection` Bundle: the Patient
 * first, then everything that refers to it, each under `urn:uuid:<store id>`.
 * Pure: no store, no clock, no files (`at` is the bundle's timestamp;
 * `files`, by document id, the documents' content the caller read), so the
 * CDS Hooks prefetch and the dataset export can build on it without content.
 */
export function chartToBundle(chart: ChartSnapshot, options: { at: number; files?: ReadonlyMap<string, EmbeddedFile> }): Bundle {
  const { patient } = chart;
  const coverage = coverageResource(patient, derivedUuid(patient.id, 'coverage'));
  const resources: Resource[] = [
    patientResource(patient, chart.storeId),
    ...(coverage ? [coverage] : []),
    ...chart.appointments.map(appointmentResource),
    ...chart.encounters.flatMap((encounter) => [encounterResource(encounter), ...diagnosisResources(encounter)]),
    ...chart.vitals.flatMap(vitalsResources),
    ...chart.problems.map(problemResource),
    ...chart.allergies.map(allergyResource),
    ...chart.medications.map(medicationResource),
    ...chart.documents.map((document) => documentResource(document, options.files?.get(document.id))),
    ...chart.imagingStudies.map((study) => imagingStudyResource(study, patient.id)),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: toInstant(options.at),
    entry: resources.map((resource): BundleEntry => ({ fullUrl: fullUrl(resource.id!), resource })),
  };
}

/** How many resources of each type a bundle holds, for the export's report and audit entry. */
export function resourceCounts(bundle: Bundle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of bundle.entry ?? []) if (entry.resource) counts[entry.resource.resourceType] = (counts[entry.resource.resourceType] ?? 0) + 1;
  return counts;
}
