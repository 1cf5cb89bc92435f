import type { AllergyFields, Author, DocumentFields, DocumentMediaType, EncounterFields, EncounterStatus, MedicationFields, ProblemFields, VitalsFields } from '../../preload/contract/chart.ts';
import type { ImportEntry } from '../../preload/contract/fhir.ts';
import type { AppointmentStatus, ResourceKind } from '../../preload/contract/schedule.ts';
import type { DocumentContent } from '../chart/documents.node.ts';
import type { PatientFields } from '../patients/rows.node.ts';

/**
 * What an imported bundle asks the store to hold, mapped and checked in the
 * FHIR worker: plain data that crosses to the store worker by structured
 * clone. Ids are the bundle's own when they are UUIDs (the store's ids are),
 * so importing the same bundle twice finds what the first import wrote;
 * other ids are replaced by new UUIDs, references included.
 */
export interface ImportPlan {
  patient: PlannedPatient;
  appointments: PlannedAppointment[];
  encounters: PlannedEncounter[];
  /** Oldest first: a BMI uses the latest height measured before it. */
  vitals: PlannedVitals[];
  problems: PlannedEntry<ProblemFields>[];
  allergies: PlannedEntry<AllergyFields>[];
  medications: PlannedEntry<MedicationFields>[];
  /** Documents with their decoded files: main puts each file in the encrypted blob store before the store writes the plan. */
  documents: PlannedDocument<DocumentFile>[];
  /** Entries the mapping could not take, with why. */
  skipped: ImportEntry[];
}

interface Planned {
  /** Position in the bundle's `entry` array. */
  index: number;
  /** Entries read into this one (a patient's Coverage, a panel's observations, a visit's diagnoses): reported with its outcome. */
  parts: { index: number; resourceType: string }[];
}

export interface PlannedPatient extends Planned {
  /** The source id if it is a UUID (matched against this store's records), else null. */
  id: string | null;
  /** The MRN as the source named it: matched only if its system is this store's. */
  mrn: { system: string; value: string } | null;
  fields: PatientFields;
}

export interface PlannedAppointment extends Planned {
  id: string;
  status: AppointmentStatus;
  start: number;
  end: number;
  reason: string;
  cancelReason: string | null;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  createdAt: number | null;
  /** The provider first, then at most one room or modality, by name: matched to the schedule's resources or added to it. */
  resources: { kind: ResourceKind; name: string }[];
}

export interface PlannedEncounter extends Planned {
  id: string;
  /** `appointmentId` is kept only if that appointment is the patient's once the import's appointments are written. */
  fields: EncounterFields;
  providerName: string;
  author: Author | null;
  status: EncounterStatus;
  signedAt: number | null;
  signedBy: Author | null;
  addenda: { id: string; text: string; at: number; author: Author }[];
  createdAt: number | null;
}

export interface PlannedVitals extends Planned {
  id: string;
  /** `encounterId` is kept only if that encounter is the patient's once the import's encounters are written. */
  fields: VitalsFields;
  recordedBy: Author | null;
  createdAt: number | null;
}

export interface PlannedEntry<F> extends Planned {
  id: string;
  fields: F;
  recordedBy: Author | null;
  createdAt: number | null;
}

/** A document's file as the bundle carried it, decoded and checked (type by signature, size, hash). */
export interface DocumentFile {
  bytes: Uint8Array;
  mediaType: DocumentMediaType;
}

export interface PlannedDocument<C> extends PlannedEntry<DocumentFields> {
  /** `fields.encounterId` is kept only if that encounter is the patient's once the import's encounters are written. */
  content: C;
}

/** The plan the store writes: each document's file already in the blob store, named by its blob. */
export type StoredPlan = Omit<ImportPlan, 'documents'> & { documents: PlannedDocument<DocumentContent>[] };
