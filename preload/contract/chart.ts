/**
 * The patient chart: encounters (SOAP notes, ICD-10 diagnoses, orders), vital signs, the problem list, allergies,
 * medications, documents and the timeline that shows them all in date order. Main validates every write with these
 * schemas; the renderer uses the same ones (and VITAL_RANGES) for its field messages. The FHIR and analytics
 * capabilities read the entity schemas below as the chart's data model.
 */
import { z } from 'zod';
import { channel } from './channel.ts';
import { CLINICAL_ROLES, type Role } from './roles.ts';
import { text } from './text.ts';

/** Physicians write encounters, problems and medications. */
export const CHART_AUTHORS = ['physician'] as const satisfies readonly Role[];
/** Nurses also record vital signs and allergies. */
export const VITALS_RECORDERS = ['physician', 'nurse'] as const satisfies readonly Role[];
export const ALLERGY_RECORDERS = ['physician', 'nurse'] as const satisfies readonly Role[];
/** Clinicians attach documents (scans, outside reports). */
export const DOCUMENT_RECORDERS = ['physician', 'nurse'] as const satisfies readonly Role[];
/** Everyone on the clinical staff reads the chart (each read is audited). */
export const CHART_READERS = CLINICAL_ROLES;

/** Multi-line text: newlines and tabs allowed, other control characters not. */
const multiline = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*(?:(?:\r?\n|\t)[^\p{Cc}]*)*$/u, 'Control characters are not allowed');

const id = z.string().min(1).max(64);

/** How far ahead of the workstation clock a "now" entry may be (two clocks, one typed a minute ahead). */
export const FUTURE_LEEWAY_MS = 5 * 60_000;
/** Earliest plausible clinical date: older paper records are entered with their dates. */
export const EARLIEST_DATE = '1900-01-01';
const EARLIEST_MS = Date.UTC(1900, 0, 1);

/** Epoch milliseconds of something that has happened: not in the future. */
const pastInstant = z
  .number()
  .int()
  .min(EARLIEST_MS, 'The date is implausibly early')
  .refine((at) => at <= Date.now() + FUTURE_LEEWAY_MS, { message: 'The date is in the future', params: { reason: 'future' } });

/** YYYY-MM-DD that has happened: today at the latest (local date). */
const pastDate = z.iso
  .date()
  .refine((date) => date >= EARLIEST_DATE, { message: 'The date is implausibly early', params: { reason: 'early' } })
  .refine((date) => date <= localToday(), { message: 'The date is in the future', params: { reason: 'future' } });

/** The local calendar date; a date typed at 01:00 in Beijing is "today" there, not yesterday in UTC. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ─── ICD-10 ──────────────────────────────────────────────────────────────────

/**
 * An ICD-10 code: letter, two characters, and an optional dot with up to four more (WHO ICD-10, ICD-10-CM such as
 * S72.001A), optionally followed by the x-extension of China's national clinical edition (I10.x00x002). Stored upper case.
 */
export const ICD10_PATTERN = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4}(?:X[0-9]{3})?)?$/;
export const icd10CodeSchema = z
  .string()
  .trim()
  .max(16, 'Not an ICD-10 code')
  .transform((code) => code.toUpperCase())
  .refine((code) => ICD10_PATTERN.test(code), { message: 'Not an ICD-10 code (e.g. J06.9)', params: { reason: 'icd10' } });

/** A coded diagnosis or problem: the code and the text the clinician chose (from the lookup or their own). */
export const codedTextSchema = z.object({ code: icd10CodeSchema, text: text(200).min(1) }).strict();
export type CodedText = z.output<typeof codedTextSchema>;

/** One entry of the shipped common-codes list (a curated subset, not the full classification). */
export const icd10EntrySchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type Icd10Entry = z.infer<typeof icd10EntrySchema>;

// ─── Shared shapes ───────────────────────────────────────────────────────────

/** Who wrote something, copied when written so it outlives account changes. */
export const authorSchema = z.object({ userId: z.string().nullable(), name: z.string() });
export type Author = z.infer<typeof authorSchema>;

/** Rows are never deleted (they replicate): a mistaken entry is marked entered-in-error with a reason. */
const removalSchema = z.object({ id, reason: text(500).min(1) }).strict();

// ─── Encounters ──────────────────────────────────────────────────────────────

export const ENCOUNTER_STATUSES = ['draft', 'signed'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

/** Longest SOAP section: a long note, not a pasted document. */
export const NOTE_MAX = 8_000;
export const MAX_DIAGNOSES = 20;

export const encounterInputSchema = z
  .object({
    /** When the visit took place. */
    at: pastInstant,
    /** A schedule provider resource; null: the signed-in physician. */
    providerId: id.nullable().default(null),
    /** The appointment this visit fulfils, if booked. */
    appointmentId: id.nullable().default(null),
    chiefComplaint: text(500).default(''),
    subjective: multiline(NOTE_MAX).default(''),
    objective: multiline(NOTE_MAX).default(''),
    assessment: multiline(NOTE_MAX).default(''),
    plan: multiline(NOTE_MAX).default(''),
    /** The first is the principal diagnosis. */
    diagnoses: z.array(codedTextSchema).max(MAX_DIAGNOSES).default([]),
    /** Orders as free text (labs, imaging, prescriptions, referrals). */
    orders: multiline(4_000).default(''),
  })
  .strict()
  .superRefine((encounter, context) => {
    const seen = new Set<string>();
    encounter.diagnoses.forEach((diagnosis, index) => {
      if (seen.has(diagnosis.code)) context.addIssue({ code: 'custom', path: ['diagnoses', index, 'code'], message: 'This diagnosis is listed twice', params: { reason: 'duplicate' } });
      seen.add(diagnosis.code);
    });
  });
export type EncounterInput = z.input<typeof encounterInputSchema>;
export type EncounterFields = z.output<typeof encounterInputSchema>;

export const addendumSchema = z.object({ id: z.string(), text: z.string(), at: z.number(), author: authorSchema });
export type Addendum = z.infer<typeof addendumSchema>;

export const encounterSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  at: z.number(),
  /** The provider resource (if one was chosen), the staff account behind it, and the name as written. */
  provider: z.object({ resourceId: z.string().nullable(), userId: z.string().nullable(), name: z.string() }),
  appointmentId: z.string().nullable(),
  chiefComplaint: z.string(),
  subjective: z.string(),
  objective: z.string(),
  assessment: z.string(),
  plan: z.string(),
  diagnoses: z.array(z.object({ code: z.string(), text: z.string() })),
  orders: z.string(),
  /** draft → signed; a signed encounter is read-only and takes addenda. */
  status: z.enum(ENCOUNTER_STATUSES),
  author: authorSchema,
  signedAt: z.number().nullable(),
  signedBy: authorSchema.nullable(),
  addenda: z.array(addendumSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Encounter = z.infer<typeof encounterSchema>;

// ─── Vital signs ─────────────────────────────────────────────────────────────

/**
 * Plausible ranges: a value outside is a typo or a wrong unit, not a patient. Main and the form both use these
 * (the form shows `chart.vitals.range` with the bounds and unit).
 */
export const VITAL_RANGES = {
  systolic: { min: 40, max: 300, unit: 'mmHg', step: 1 },
  diastolic: { min: 20, max: 200, unit: 'mmHg', step: 1 },
  heartRate: { min: 20, max: 300, unit: '/min', step: 1 },
  temperature: { min: 25, max: 45, unit: '°C', step: 0.1 },
  spo2: { min: 50, max: 100, unit: '%', step: 1 },
  respiratoryRate: { min: 2, max: 80, unit: '/min', step: 1 },
  height: { min: 20, max: 272, unit: 'cm', step: 0.1 },
  weight: { min: 0.3, max: 500, unit: 'kg', step: 0.1 },
} as const;
export type VitalMeasure = keyof typeof VITAL_RANGES;
export const VITAL_MEASURES = Object.keys(VITAL_RANGES) as VitalMeasure[];

function measure(name: VitalMeasure) {
  const { min, max, unit, step } = VITAL_RANGES[name];
  const message = `Between ${min} and ${max} ${unit}`;
  const base = z.number().min(min, message).max(max, message);
  return (step === 1 ? base.int('A whole number') : base).nullable().default(null);
}

export const vitalsInputSchema = z
  .object({
    /** When measured. */
    at: pastInstant,
    /** The visit they belong to, if any. */
    encounterId: id.nullable().default(null),
    systolic: measure('systolic'),
    diastolic: measure('diastolic'),
    heartRate: measure('heartRate'),
    /** Celsius. */
    temperature: measure('temperature'),
    spo2: measure('spo2'),
    respiratoryRate: measure('respiratoryRate'),
    /** Centimetres. */
    height: measure('height'),
    /** Kilograms. */
    weight: measure('weight'),
  })
  .strict()
  .superRefine((vitals, context) => {
    if (VITAL_MEASURES.every((name) => vitals[name] === null)) {
      context.addIssue({ code: 'custom', path: [], message: 'Enter at least one measurement', params: { reason: 'empty' } });
    }
    if ((vitals.systolic === null) !== (vitals.diastolic === null)) {
      const path = vitals.systolic === null ? 'systolic' : 'diastolic';
      context.addIssue({ code: 'custom', path: [path], message: 'Blood pressure needs both values', params: { reason: 'bpPair' } });
    } else if (vitals.systolic !== null && vitals.diastolic !== null && vitals.diastolic >= vitals.systolic) {
      context.addIssue({ code: 'custom', path: ['diastolic'], message: 'Diastolic must be below systolic', params: { reason: 'bpOrder' } });
    }
  });
export type VitalsInput = z.input<typeof vitalsInputSchema>;
export type VitalsFields = z.output<typeof vitalsInputSchema>;

export const ENTRY_STATUSES = ['final', 'entered-in-error'] as const;

export const vitalSignsSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  at: z.number(),
  encounterId: z.string().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  heartRate: z.number().nullable(),
  temperature: z.number().nullable(),
  spo2: z.number().nullable(),
  respiratoryRate: z.number().nullable(),
  height: z.number().nullable(),
  weight: z.number().nullable(),
  /** kg/m², one decimal, computed by main from this set's height and weight (or the latest height before it). */
  bmi: z.number().nullable(),
  status: z.enum(ENTRY_STATUSES),
  errorReason: z.string().nullable(),
  recordedBy: authorSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type VitalSigns = z.infer<typeof vitalSignsSchema>;

// ─── Problems ────────────────────────────────────────────────────────────────

export const PROBLEM_STATUSES = ['active', 'resolved'] as const;

export const problemInputSchema = z
  .object({
    code: icd10CodeSchema,
    text: text(200).min(1),
    onset: pastDate.nullable().default(null),
    status: z.enum(PROBLEM_STATUSES).default('active'),
    /** When it resolved; only for a resolved problem. */
    resolvedOn: pastDate.nullable().default(null),
    note: multiline(2_000).default(''),
  })
  .strict()
  .superRefine((problem, context) => {
    if (problem.resolvedOn !== null && problem.status !== 'resolved') {
      context.addIssue({ code: 'custom', path: ['resolvedOn'], message: 'Only a resolved problem has a resolution date', params: { reason: 'notResolved' } });
    }
    if (problem.onset && problem.resolvedOn && problem.resolvedOn < problem.onset) {
      context.addIssue({ code: 'custom', path: ['resolvedOn'], message: 'Resolved before its onset', params: { reason: 'beforeOnset' } });
    }
  });
export type ProblemInput = z.input<typeof problemInputSchema>;
export type ProblemFields = z.output<typeof problemInputSchema>;

export const problemSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  code: z.string(),
  text: z.string(),
  onset: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  resolvedOn: z.string().nullable(),
  note: z.string(),
  recordedBy: authorSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Problem = z.infer<typeof problemSchema>;

// ─── Allergies ───────────────────────────────────────────────────────────────

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'unknown'] as const;
/** FHIR AllergyIntolerance clinical status. */
export const ALLERGY_STATUSES = ['active', 'inactive', 'resolved'] as const;

export const allergyInputSchema = z
  .object({
    /** A drug, food or other substance, as written. */
    substance: text(200).min(1),
    reaction: text(500).default(''),
    severity: z.enum(ALLERGY_SEVERITIES).default('unknown'),
    status: z.enum(ALLERGY_STATUSES).default('active'),
    /** When first noticed, if known. */
    onset: pastDate.nullable().default(null),
    note: multiline(2_000).default(''),
  })
  .strict();
export type AllergyInput = z.input<typeof allergyInputSchema>;
export type AllergyFields = z.output<typeof allergyInputSchema>;

export const allergySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  substance: z.string(),
  reaction: z.string(),
  severity: z.enum(ALLERGY_SEVERITIES),
  status: z.enum(ALLERGY_STATUSES),
  onset: z.string().nullable(),
  note: z.string(),
  recordedBy: authorSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Allergy = z.infer<typeof allergySchema>;

// ─── Medications ─────────────────────────────────────────────────────────────

export const MEDICATION_ROUTES = [
  'oral',
  'sublingual',
  'intravenous',
  'intramuscular',
  'subcutaneous',
  'inhaled',
  'topical',
  'transdermal',
  'rectal',
  'ophthalmic',
  'otic',
  'nasal',
  'other',
] as const;
/** FHIR MedicationStatement statuses a clinician sets by hand. */
export const MEDICATION_STATUSES = ['active', 'on-hold', 'completed', 'stopped'] as const;

export const medicationInputSchema = z
  .object({
    name: text(200).min(1),
    /** As prescribed: "500 mg", "1 片". */
    dose: text(100).default(''),
    route: z.enum(MEDICATION_ROUTES).default('oral'),
    /** As prescribed: "bid", "每日三次". */
    frequency: text(100).default(''),
    start: pastDate.nullable().default(null),
    /** A planned end may lie ahead. */
    end: z.iso.date().nullable().default(null),
    status: z.enum(MEDICATION_STATUSES).default('active'),
    note: multiline(2_000).default(''),
  })
  .strict()
  .superRefine((medication, context) => {
    if (medication.start && medication.end && medication.end < medication.start) {
      context.addIssue({ code: 'custom', path: ['end'], message: 'Ends before it starts', params: { reason: 'endBeforeStart' } });
    }
  });
export type MedicationInput = z.input<typeof medicationInputSchema>;
export type MedicationFields = z.output<typeof medicationInputSchema>;

export const medicationSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  name: z.string(),
  dose: z.string(),
  route: z.enum(MEDICATION_ROUTES),
  frequency: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  status: z.enum(MEDICATION_STATUSES),
  note: z.string(),
  recordedBy: authorSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Medication = z.infer<typeof medicationSchema>;

// ─── Documents ───────────────────────────────────────────────────────────────

export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];
export const DOCUMENT_KINDS = ['report', 'lab', 'referral', 'consent', 'image', 'other'] as const;
/** Largest attachment: a scanned multi-page PDF, not a DICOM series. */
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
/** The file chooser's filter; the type is decided by the file's first bytes, never its name. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg'] as const;

export const documentInputSchema = z
  .object({
    title: text(200).min(1),
    kind: z.enum(DOCUMENT_KINDS).default('other'),
    /** The date on the document (a lab result's, a letter's). */
    date: pastDate,
    encounterId: id.nullable().default(null),
  })
  .strict();
export type DocumentInput = z.input<typeof documentInputSchema>;
export type DocumentFields = z.output<typeof documentInputSchema>;

export const chartDocumentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  date: z.string(),
  encounterId: z.string().nullable(),
  mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
  /** Bytes; the content itself lives encrypted in the blob store and is read through its own channel. */
  size: z.number(),
  recordedBy: authorSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ChartDocument = z.infer<typeof chartDocumentSchema>;

// ─── Timeline ────────────────────────────────────────────────────────────────

export const TIMELINE_KINDS = ['encounter', 'vitals', 'problem', 'allergy', 'medication', 'document', 'appointment', 'imagingStudy', 'imagingReport'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One line of the timeline. `title` and `detail` are chart data (a chief complaint, a substance), never UI text;
 * `status` is the entity's own status value, translated by the renderer per kind.
 */
export const timelineEntrySchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.string(),
  at: z.number(),
  /** Only a calendar date is known (onset, start): show the date without a time. */
  dateOnly: z.boolean(),
  title: z.string(),
  detail: z.string().nullable(),
  status: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** The whole chart in one audited read; entered-in-error entries are left out. Lists are newest first. */
export const chartSchema = z.object({
  patientId: z.string(),
  encounters: z.array(encounterSchema),
  vitals: z.array(vitalSignsSchema),
  problems: z.array(problemSchema),
  allergies: z.array(allergySchema),
  medications: z.array(medicationSchema),
  documents: z.array(chartDocumentSchema),
  /** Newest first; ties keep a stable order by kind and id. */
  timeline: z.array(timelineEntrySchema),
});
export type Chart = z.infer<typeof chartSchema>;

// ─── Channels ────────────────────────────────────────────────────────────────

const patientRef = z.object({ patientId: id }).strict();
const expectedUpdatedAt = z.number().int();

export const chartChannels = {
  'chart.get': channel({
    summary: 'A patient’s whole chart and its timeline (an audited chart read).',
    request: patientRef,
    response: chartSchema,
    access: CHART_READERS,
  }),
  'chart.icd10.search': channel({
    summary: 'Look up the shipped common ICD-10 codes by code prefix or Chinese/English title (a curated subset).',
    request: z.object({ query: z.string().trim().max(100), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    response: z.array(icd10EntrySchema),
    access: CHART_READERS,
  }),

  'chart.encounters.create': channel({
    summary: 'Start a visit note (a draft).',
    request: z.object({ patientId: id, encounter: encounterInputSchema }).strict(),
    response: encounterSchema,
    access: CHART_AUTHORS,
  }),
  /** Refusals: CONFLICT `details.reason` 'signed' (read-only now) or 'stale'; FORBIDDEN if another physician wrote the draft. */
  'chart.encounters.update': channel({
    summary: 'Edit a draft visit note; refused once signed or if changed since read.',
    request: z.object({ id, encounter: encounterInputSchema, expectedUpdatedAt }).strict(),
    response: encounterSchema,
    access: CHART_AUTHORS,
  }),
  'chart.encounters.sign': channel({
    summary: 'Sign a draft: it becomes read-only; later changes are addenda.',
    request: z.object({ id, expectedUpdatedAt }).strict(),
    response: encounterSchema,
    access: CHART_AUTHORS,
  }),
  'chart.encounters.addendum': channel({
    summary: 'Append an addendum to a signed visit note.',
    request: z.object({ id, text: multiline(4_000).min(1) }).strict(),
    response: encounterSchema,
    access: CHART_AUTHORS,
  }),
  'chart.encounters.discard': channel({
    summary: 'Discard one’s own draft (kept as entered-in-error, never shown).',
    request: removalSchema,
    response: z.object({ id: z.string() }),
    access: CHART_AUTHORS,
  }),

  'chart.vitals.record': channel({
    summary: 'Record a set of vital signs; BMI is computed.',
    request: z.object({ patientId: id, vitals: vitalsInputSchema }).strict(),
    response: vitalSignsSchema,
    access: VITALS_RECORDERS,
  }),
  'chart.vitals.markError': channel({
    summary: 'Mark a set of vital signs entered in error, with a reason.',
    request: removalSchema,
    response: vitalSignsSchema,
    access: VITALS_RECORDERS,
  }),

  'chart.problems.create': channel({
    summary: 'Add a problem to the problem list.',
    request: z.object({ patientId: id, problem: problemInputSchema }).strict(),
    response: problemSchema,
    access: CHART_AUTHORS,
  }),
  'chart.problems.update': channel({
    summary: 'Change a problem (e.g. resolve it); refused if changed since read.',
    request: z.object({ id, problem: problemInputSchema, expectedUpdatedAt }).strict(),
    response: problemSchema,
    access: CHART_AUTHORS,
  }),
  'chart.problems.remove': channel({
    summary: 'Remove a problem entered in error, with a reason.',
    request: removalSchema,
    response: z.object({ id: z.string() }),
    access: CHART_AUTHORS,
  }),

  'chart.allergies.create': channel({
    summary: 'Record an allergy; the patient’s allergy flag follows.',
    request: z.object({ patientId: id, allergy: allergyInputSchema }).strict(),
    response: allergySchema,
    access: ALLERGY_RECORDERS,
  }),
  'chart.allergies.update': channel({
    summary: 'Change an allergy; refused if changed since read.',
    request: z.object({ id, allergy: allergyInputSchema, expectedUpdatedAt }).strict(),
    response: allergySchema,
    access: ALLERGY_RECORDERS,
  }),
  'chart.allergies.remove': channel({
    summary: 'Remove an allergy entered in error, with a reason.',
    request: removalSchema,
    response: z.object({ id: z.string() }),
    access: ALLERGY_RECORDERS,
  }),

  'chart.medications.create': channel({
    summary: 'Add a medication.',
    request: z.object({ patientId: id, medication: medicationInputSchema }).strict(),
    response: medicationSchema,
    access: CHART_AUTHORS,
  }),
  'chart.medications.update': channel({
    summary: 'Change a medication (e.g. stop it); refused if changed since read.',
    request: z.object({ id, medication: medicationInputSchema, expectedUpdatedAt }).strict(),
    response: medicationSchema,
    access: CHART_AUTHORS,
  }),
  'chart.medications.remove': channel({
    summary: 'Remove a medication entered in error, with a reason.',
    request: removalSchema,
    response: z.object({ id: z.string() }),
    access: CHART_AUTHORS,
  }),

  /**
   * Main asks for the file (PDF, PNG or JPEG, at most DOCUMENT_MAX_BYTES) and stores it encrypted.
   * Null: the chooser was cancelled. Refusals: VALIDATION on `file` (code `too-large`, `unsupported-type`, `empty`).
   */
  'chart.documents.attach': channel({
    summary: 'Attach a PDF or image to the chart, chosen in the system file dialog; kept encrypted.',
    request: z.object({ patientId: id, document: documentInputSchema }).strict(),
    response: chartDocumentSchema.nullable(),
    access: DOCUMENT_RECORDERS,
  }),
  'chart.documents.image': channel({
    summary: 'An attached PNG or JPEG, decrypted for viewing (an audited read); PDFs are saved as a copy instead.',
    request: z.object({ id }).strict(),
    response: z.object({ mediaType: z.enum(['image/png', 'image/jpeg']), base64: z.string() }),
    access: CHART_READERS,
  }),
  'chart.documents.saveCopy': channel({
    summary: 'Save a decrypted copy of a document where the user chooses (audited as an export); false if cancelled.',
    request: z.object({ id }).strict(),
    response: z.object({ saved: z.boolean() }),
    access: CHART_READERS,
  }),
  'chart.documents.remove': channel({
    summary: 'Remove a document attached in error, with a reason.',
    request: removalSchema,
    response: z.object({ id: z.string() }),
    access: DOCUMENT_RECORDERS,
  }),
} as const;
