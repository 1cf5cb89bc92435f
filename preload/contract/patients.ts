import { z } from 'zod';
import { channel } from './channel.ts';
import {
  importCommitRequestSchema,
  importDiscardRequestSchema,
  importOpenedSchema,
  importPreviewRequestSchema,
  importPreviewSchema,
  importReportSchema,
} from './patient-import.ts';
import { CLINICAL_ROLES, type Role } from './roles.ts';
import { text } from './text.ts';
import { checkCnResidentId, cnResidentIdBirthDate } from './validators/cn-resident-id.ts';

const REGISTRARS = ['admin', 'frontdesk'] as const satisfies readonly Role[];

const multiline = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*(?:\r?\n[^\p{Cc}]*)*$/u, 'Control characters are not allowed');

/** YYYY-MM-DD, a real calendar date. */
export const isoDateSchema = z.iso.date();
const phoneSchema = z.string().trim().regex(/^\+?\d[\d -]{4,19}$/, 'Digits, spaces, dashes and a leading + only');

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const ID_TYPES = ['cn-resident', 'passport', 'other'] as const;
export const ALLERGY_STATES = ['unknown', 'none', 'has'] as const;

export const patientInputSchema = z
  .object({
    /** As written and searched; a Chinese name is one field (family name first), pinyin is computed by main. */
    fullName: text(100).min(1),
    /** Optional split for Latin names and FHIR; main derives them for Chinese names. */
    familyName: text(60).optional(),
    givenName: text(60).optional(),
    sex: z.enum(SEXES),
    birthDate: isoDateSchema,
    phones: z.array(phoneSchema).max(3).default([]),
    identifier: z.object({ type: z.enum(ID_TYPES), value: text(40).min(1) }).nullable().default(null),
    address: text(300).optional(),
    insurance: z.object({ provider: text(100).min(1), number: text(60).min(1) }).nullable().default(null),
    emergencyContact: z.object({ name: text(100).min(1), phone: phoneSchema, relation: text(40).optional() }).nullable().default(null),
    allergies: z.enum(ALLERGY_STATES).default('unknown'),
    notes: multiline(2000).optional(),
  })
  .strict()
  .superRefine((patient, context) => {
    const today = new Date().toISOString().slice(0, 10);
    if (patient.birthDate > today) context.addIssue({ code: 'custom', path: ['birthDate'], message: 'The birth date is in the future', params: { reason: 'future' } });
    if (patient.birthDate < '1880-01-01') context.addIssue({ code: 'custom', path: ['birthDate'], message: 'The birth date is implausibly early', params: { reason: 'tooEarly' } });
    if (patient.identifier?.type === 'cn-resident') {
      const problem = checkCnResidentId(patient.identifier.value);
      if (problem) context.addIssue({ code: 'custom', path: ['identifier', 'value'], message: `Invalid resident ID (${problem})`, params: { reason: problem } });
      else if (cnResidentIdBirthDate(patient.identifier.value.toUpperCase()) !== patient.birthDate) {
        context.addIssue({ code: 'custom', path: ['birthDate'], message: 'The birth date differs from the one in the resident ID', params: { reason: 'idMismatch' } });
      }
    }
  });
export type PatientInput = z.input<typeof patientInputSchema>;

export const patientSchema = z.object({
  id: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  familyName: z.string().nullable(),
  givenName: z.string().nullable(),
  /** Tone-less pinyin of a Chinese name ("zhang san"), and its initials ("zs"); null for other names. */
  pinyin: z.string().nullable(),
  pinyinInitials: z.string().nullable(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  phones: z.array(z.string()),
  identifier: z.object({ type: z.enum(ID_TYPES), value: z.string() }).nullable(),
  address: z.string().nullable(),
  insurance: z.object({ provider: z.string(), number: z.string() }).nullable(),
  emergencyContact: z.object({ name: z.string(), phone: z.string(), relation: z.string().nullable() }).nullable(),
  allergies: z.enum(ALLERGY_STATES),
  notes: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientSummarySchema = patientSchema.pick({ id: true, mrn: true, fullName: true, pinyin: true, sex: true, birthDate: true, phones: true });
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const MATCH_KINDS = ['exact', 'prefix', 'substring'] as const;
export const searchHitSchema = patientSummarySchema.extend({
  /**
   * What matched and how well; results come ranked exact > prefix > substring.
   * Null in the recently-seen list (empty query), which nothing matched.
   */
  match: z.object({ field: z.enum(['name', 'pinyin', 'initials', 'mrn', 'phone', 'identifier', 'birthDate']), kind: z.enum(MATCH_KINDS) }).nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const duplicateCandidateSchema = patientSummarySchema.extend({
  reasons: z.array(z.enum(['sameIdentifier', 'samePhone', 'sameBirthDateSimilarName'])),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

const patientId = z.string().min(1).max(64);

/**
 * The medical record number format: capital letters, then `width` digits. A workstation that shares a clinic with
 * others (sync) puts its two-digit station number first in those digits, so each desk numbers in its own block.
 */
export const mrnFormatInputSchema = z
  .object({
    prefix: z.string().trim().regex(/^[A-Z]{1,10}$/, 'Use 1 to 10 capital letters A–Z'),
    width: z.number().int().min(6, 'At least 6 digits').max(12, 'At most 12 digits'),
  })
  .strict();
export type MrnFormatInput = z.infer<typeof mrnFormatInputSchema>;

export const mrnSettingsSchema = z.object({
  prefix: z.string(),
  width: z.number().int(),
  /** This workstation's station number (1–99) once it shares a clinic; null on a workstation on its own. */
  station: z.number().int().nullable(),
  /** The number the next registration here would get: the format as the desk will see it. */
  nextMrn: z.string(),
});
export type MrnSettings = z.infer<typeof mrnSettingsSchema>;

export const patientChannels = {
  'patients.search': channel({
    summary: 'Search as you type: name, pinyin or initials, MRN, phone, ID or birth date; ranked. Empty query: recently seen.',
    request: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    response: z.array(searchHitSchema),
    access: CLINICAL_ROLES,
  }),
  /** A merged duplicate's id opens its survivor (check the returned id); NOT_FOUND otherwise. */
  'patients.get': channel({
    summary: 'One patient’s demographics (an audited chart read).',
    request: z.object({ id: patientId }).strict(),
    response: patientSchema,
    access: CLINICAL_ROLES,
  }),
  'patients.findDuplicates': channel({
    summary: 'Likely existing records for a registration in progress: same ID, same phone, or same birth date and a similar name.',
    request: z.object({ patient: patientInputSchema, excludeId: patientId.optional() }).strict(),
    response: z.array(duplicateCandidateSchema),
    access: REGISTRARS,
  }),
  /**
   * Refusals: CONFLICT `details: { reason: 'duplicate', candidates }` unless confirmed;
   * VALIDATION on `patient.identifier.value` (code TAKEN) when a live record holds the ID, confirmed or not.
   */
  'patients.register': channel({
    summary: 'Register a patient; refused as a likely duplicate unless the registrar confirmed it is a different person.',
    request: z.object({ patient: patientInputSchema, confirmedNotDuplicate: z.boolean().default(false) }).strict(),
    response: patientSchema,
    access: REGISTRARS,
  }),
  /**
   * Refusals: CONFLICT `details.reason` 'stale' (changed since `expectedUpdatedAt`) or 'merged';
   * VALIDATION on `patient.identifier.value` (code TAKEN). A change always moves `updatedAt` forward.
   */
  'patients.update': channel({
    summary: 'Correct a patient’s demographics; refused if someone else changed the record since it was read.',
    request: z.object({ id: patientId, patient: patientInputSchema, expectedUpdatedAt: z.number() }).strict(),
    response: patientSchema,
    access: REGISTRARS,
  }),
  /** Refusals: CONFLICT `details.reason: 'merged'` if either record is already merged; VALIDATION on `duplicateId` for a merge into itself. */
  'patients.merge': channel({
    summary: 'Administrator: merge a duplicate into the surviving record; everything is re-pointed and the merge is audited.',
    request: z.object({ survivorId: patientId, duplicateId: patientId }).strict(),
    response: patientSchema,
    access: ['admin'],
  }),
  'patients.mrnFormat.get': channel({
    summary: 'Administrator: the record number format, this workstation’s station, and the next number it would issue.',
    request: z.object({}).strict(),
    response: mrnSettingsSchema,
    access: ['admin'],
  }),
  /** Refusals: VALIDATION on `prefix` or `width` (code TOO_NARROW when the width leaves no room for numbers already issued). Issued numbers never change. */
  'patients.mrnFormat.set': channel({
    summary: 'Administrator: change the prefix or width of record numbers registered from now on.',
    request: mrnFormatInputSchema,
    response: mrnSettingsSchema,
    access: ['admin'],
  }),
  'patients.revealIdentifier': channel({
    summary: 'The full ID number the chart shows masked; an audited read (“identifier revealed”).',
    request: z.object({ id: patientId }).strict(),
    response: z.object({ type: z.enum(ID_TYPES), value: z.string() }).nullable(),
    access: CLINICAL_ROLES,
  }),
  /** Refusals: VALIDATION `details.reason` 'too-large', 'too-many-rows', 'empty' or 'unreadable'. */
  'patients.import.open': channel({
    summary: 'CSV import: main asks for the file, reads it in a worker (UTF-8, UTF-8 with BOM, GB18030, UTF-16) and suggests a column mapping.',
    request: z.object({}).strict(),
    response: importOpenedSchema,
    access: REGISTRARS,
  }),
  /** Refusals: NOT_FOUND `details.reason: 'import-expired'` when the file was discarded or kept too long. */
  'patients.import.preview': channel({
    summary: 'CSV import: every row mapped and checked by the registration rules, with likely duplicates; nothing is written.',
    request: importPreviewRequestSchema,
    response: importPreviewSchema,
    access: REGISTRARS,
  }),
  'patients.import.commit': channel({
    summary: 'CSV import: registers every valid row in one transaction (all or nothing), audited, and reports each row.',
    request: importCommitRequestSchema,
    response: importReportSchema,
    access: REGISTRARS,
  }),
  'patients.import.discard': channel({
    summary: 'CSV import: forget the opened file.',
    request: importDiscardRequestSchema,
    response: z.object({}),
    access: REGISTRARS,
  }),
} as const;
