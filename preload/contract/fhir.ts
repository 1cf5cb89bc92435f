import { z } from 'zod';
import { channel } from './channel.ts';
import type { Role } from './roles.ts';

/**
 * Exporting a whole chart hands every clinical fact about a patient to
 * another system: the physicians who treat the patient and the administrator
 * (on a patient's or another hospital's request) may.
 */
export const FHIR_EXPORTERS = ['admin', 'physician'] as const satisfies readonly Role[];
/**
 * Importing writes demographics (a registrar's right) and diagnoses,
 * allergies and medications (a physician's right) from another institution in
 * one step. Only the administrator holds both rights; the front desk may not
 * write clinical data, so it is not allowed to import it either.
 */
export const FHIR_IMPORTERS = ['admin'] as const satisfies readonly Role[];

/**
 * Largest document file a chart export embeds (base64 in the DocumentReference); a larger one is exported as its
 * record, size and SHA-1 without its bytes, and the export's result counts it.
 */
export const FHIR_EMBEDDED_FILE_MAX_BYTES = 10 * 1024 * 1024;

const cancelled = z.object({ cancelled: z.literal(true) });

/** What happened to one entry of an imported bundle. */
export const IMPORT_OUTCOMES = ['created', 'matched', 'present', 'skipped'] as const;

/**
 * Why an entry was skipped or how the patient was matched. Codes for the UI to translate;
 * `message` is a safe English fallback that never holds the entry's values.
 */
export const IMPORT_REASONS = [
  // The patient: how an existing record was found.
  'matched-mrn',
  'matched-identifier',
  'matched-id',
  // Skips.
  'unsupported-type',
  'unsupported-code',
  'not-for-patient',
  'missing-field',
  'invalid-value',
  'id-conflict',
  'double-booked',
  // A DocumentReference whose file is not in the bundle (a link, or left out of an export for its size).
  'no-content',
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

export const importEntrySchema = z.object({
  /** Position in the bundle's `entry` array, 0-based. */
  index: z.number().int().nonnegative(),
  resourceType: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  reason: z.enum(IMPORT_REASONS).nullable(),
  /** Where in the resource the problem is (a JSON pointer), if it is one field. */
  path: z.string().nullable(),
  message: z.string().nullable(),
});
export type ImportEntry = z.infer<typeof importEntrySchema>;

export const importReportSchema = z.object({
  patient: z.object({
    id: z.string(),
    mrn: z.string(),
    outcome: z.enum(['created', 'matched']),
  }),
  entries: z.array(importEntrySchema),
  counts: z.object({ created: z.number().int(), matched: z.number().int(), present: z.number().int(), skipped: z.number().int() }),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const patientId = z.string().min(1).max(64);

export const fhirChannels = {
  /**
   * Refusals: NOT_FOUND for an unknown patient; INTERNAL (reference) if the bundle built from the chart
   * fails the FHIR R4 schema, in which case nothing is written.
   */
  'fhir.exportChart': channel({
    summary: 'Export a patient’s whole chart, documents’ files included, as a FHIR R4 Bundle (validated against the R4 schema) to a file chosen in a save dialog.',
    request: z.object({ patientId }).strict(),
    response: z.union([
      cancelled,
      z.object({
        cancelled: z.literal(false),
        fileName: z.string(),
        bytes: z.number().int(),
        resources: z.record(z.string(), z.number().int()),
        /**
         * Documents exported without their file: over the per-file or per-bundle limit (record, size and hash), or attached on
         * another workstation and not reachable now (record and size).
         */
        documentsWithoutContent: z.number().int().nonnegative(),
      }),
    ]),
    access: FHIR_EXPORTERS,
  }),
  /**
   * Refusals: VALIDATION with field issues (path into the bundle, code `TOO_LARGE`, `TOO_DEEP`, `NOT_JSON`,
   * `NOT_BUNDLE`, `SCHEMA` or `NO_PATIENT`) when the file is not an acceptable bundle: nothing is written.
   * Otherwise everything the report lists as created is written in one transaction.
   */
  'fhir.importBundle': channel({
    summary: 'Administrator: import a FHIR R4 Bundle chosen in an open dialog; the patient is matched by MRN or ID, else registered.',
    request: z.object({}).strict(),
    response: z.union([cancelled, z.object({ cancelled: z.literal(false), fileName: z.string(), report: importReportSchema })]),
    access: FHIR_IMPORTERS,
  }),
} as const;
