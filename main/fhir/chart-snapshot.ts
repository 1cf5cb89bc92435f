import type { Allergy, ChartDocument, Encounter, Medication, Problem, VitalSigns } from '../../preload/contract/chart.ts';
import type { Patient } from '../../preload/contract/patients.ts';
import type { Appointment } from '../../preload/contract/schedule.ts';

/**
 * Everything the FHIR export knows about one patient, as the store reads it:
 * the input of `chartToBundle`. Other capabilities (CDS Hooks prefetch, the
 * de-identified dataset export) build bundles from the same snapshot. Lists
 * are oldest first; entered-in-error entries are not in them.
 */
export interface ChartSnapshot {
  /** The exporting record store's identity, which names its MRNs (systems.ts `mrnSystem`). */
  storeId: string;
  patient: Patient;
  appointments: readonly Appointment[];
  encounters: readonly Encounter[];
  vitals: readonly VitalSigns[];
  problems: readonly Problem[];
  allergies: readonly Allergy[];
  medications: readonly Medication[];
  documents: readonly ChartDocument[];
  /** Linked DICOM studies; empty where the imaging tables are not there. */
  imagingStudies: readonly ImagingStudySummary[];
}

/** A linked DICOM study as the FHIR export lists it: identity and counts, never pixel data. */
export interface ImagingStudySummary {
  id: string;
  studyUid: string;
  /** YYYY-MM-DD, or null when the files do not say. */
  studyDate: string | null;
  description: string;
  accession: string;
  referring: string;
  series: { uid: string; number: number | null; modality: string; description: string; bodyPart: string; instances: number }[];
}
