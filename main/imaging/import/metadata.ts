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
    frames: number;
    rows: number;
    columns: number;
    instanceNumber: number | null;
    slicePosition: number | null;
  };
}

/** Why a file was not imported; the UI translates the code. */
export const REJECTION_REASONS = [
  'not-dicom',
  'truncated',
  'damaged',
  'unsupported-transfer-syntax',
  'missing-uids',
  'invalid-uid',
  'no-pixel-data',
  'unreadable',
  'too-large',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type ParseOutcome = { ok: true; metadata: InstanceMetadata } | { ok: false; reason: RejectionReason };
