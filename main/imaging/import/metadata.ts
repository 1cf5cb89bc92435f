import type { IMPORT_REJECTION_REASONS } from '../../../preload/contract/imaging.ts';

/** What one parsed DICOM instance contributes to the index: decoded, plain data that crosses threads by structured clone. */
export interface InstanceMetadata {
  patient: {
    /** Person Name as decoded from its character set, components joined by ^ and groups by =. */
    name: string;
    patientId: string;
    issuer: string;
    /** YYYY-MM-DD or null. */
    birthDate: string | null;
    sex: 'female' | 'male' | 'other' | 'unknown';
    /** Other Patient IDs, e.g. a resident ID card number. */
    otherIds: string[];
  };
  study: {
    uid: string;
    date: string | null;
    time: string | null;
    accession: string;
    description: string;
    referring: string;
  };
  series: {
    uid: string;
    modality: string;
    number: number | null;
    description: string;
    bodyPart: string;
  };
  instance: {
    sopInstanceUid: string;
    sopClassUid: string;
    transferSyntaxUid: string;
    /** 0 for an object without pixel data (report, key objects, presentation state, document); rows and columns are 0 too. */
    frames: number;
    rows: number;
    columns: number;
    instanceNumber: number | null;
    slicePosition: number | null;
  };
}

/** Why a file was not imported: the contract's codes, which the UI translates. */
export type RejectionReason = (typeof IMPORT_REJECTION_REASONS)[number];

export type ParseOutcome = { ok: true; metadata: InstanceMetadata } | { ok: false; reason: RejectionReason };
