import { z } from 'zod';

/**
 * Schemas of the CSV import of an existing patient list (the channels are in
 * patients.ts). The file never crosses the contract: main opens it through its
 * own file chooser, parses it in a worker, keeps it under `importId`, and the
 * renderer only maps columns, previews and commits.
 */

/** What a file column can be mapped to. `phone` may take up to three columns; every other field one. */
export const IMPORT_FIELDS = [
  'fullName',
  'familyName',
  'givenName',
  'sex',
  'birthDate',
  'phone',
  'idType',
  'idValue',
  'address',
  'insuranceProvider',
  'insuranceNumber',
  'emergencyName',
  'emergencyPhone',
  'emergencyRelation',
  'allergies',
  'notes',
  'mrn',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const MAX_PHONE_COLUMNS = 3;
export const MAX_IMPORT_COLUMNS = 200;
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const IMPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** One target per file column, in column order; null ignores the column. */
export const importMappingSchema = z
  .array(z.enum(IMPORT_FIELDS).nullable())
  .min(1)
  .max(MAX_IMPORT_COLUMNS)
  .superRefine((mapping, context) => {
    const uses = new Map<ImportField, number>();
    for (const field of mapping) if (field) uses.set(field, (uses.get(field) ?? 0) + 1);
    for (const [field, count] of uses) {
      if (count > (field === 'phone' ? MAX_PHONE_COLUMNS : 1)) context.addIssue({ code: 'custom', path: [], message: `${field} is mapped more than allowed`, params: { reason: 'repeated', field } });
    }
    if (!uses.has('fullName')) context.addIssue({ code: 'custom', path: [], message: 'Map a column to the full name', params: { reason: 'missing', field: 'fullName' } });
    // A resident ID carries the birth date, so either will do.
    if (!uses.has('birthDate') && !uses.has('idValue')) context.addIssue({ code: 'custom', path: [], message: 'Map a column to the birth date', params: { reason: 'missing', field: 'birthDate' } });
  });
export type ImportMapping = z.infer<typeof importMappingSchema>;

/**
 * A problem with one row. `field` is null for the row as a whole (a broken
 * quote, a wrong number of cells). Codes: zod's rules as `tooLong`, `required`,
 * `format`, `invalid`; the registration's own reasons (`future`, `tooEarly`,
 * `idMismatch`, `checkDigit`, `birthDate`…); the import's (`unrecognised`,
 * `tooManyPhones`, `columns`, `quotes`); and as a warning, `formula`: a cell
 * that a spreadsheet would run as a formula, stored verbatim.
 */
export const importIssueSchema = z.object({ field: z.enum(IMPORT_FIELDS).nullable(), code: z.string() });
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const IMPORT_ROW_STATUSES = ['ready', 'invalid', 'duplicate', 'taken'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** A likely existing record: a registered patient (mrn), or an earlier row of the same file (row). */
export const importDuplicateSchema = z.object({
  mrn: z.string().nullable(),
  row: z.number().nullable(),
  fullName: z.string(),
  birthDate: z.string(),
  reasons: z.array(z.enum(['sameIdentifier', 'samePhone', 'sameBirthDateSimilarName', 'sameMrn'])),
});
export type ImportDuplicate = z.infer<typeof importDuplicateSchema>;

export const importRowSchema = z.object({
  /** As a spreadsheet numbers it: the header is row 1. */
  row: z.number(),
  /** The text line the row starts on; differs from `row` after cells with line breaks. */
  line: z.number(),
  fullName: z.string(),
  birthDate: z.string(),
  /** `taken`: its ID or MRN belongs to a registered patient or an earlier row, so it cannot be imported at all. */
  status: z.enum(IMPORT_ROW_STATUSES),
  issues: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  duplicates: z.array(importDuplicateSchema),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importOpenedSchema = z.discriminatedUnion('cancelled', [
  z.object({ cancelled: z.literal(true) }),
  z.object({
    cancelled: z.literal(false),
    importId: z.string(),
    fileName: z.string(),
    encoding: z.enum(IMPORT_ENCODINGS),
    headers: z.array(z.string()),
    rowCount: z.number(),
    /** Suggested from the headers (Chinese or English); the user may change it. */
    mapping: z.array(z.enum(IMPORT_FIELDS).nullable()),
    /** The first rows as read, for the mapping screen. */
    sample: z.array(z.array(z.string())),
  }),
]);
export type ImportOpened = z.infer<typeof importOpenedSchema>;

export const importPreviewSchema = z.object({
  rows: z.array(importRowSchema),
  counts: z.object({ total: z.number(), ready: z.number(), invalid: z.number(), duplicate: z.number(), taken: z.number(), warnings: z.number() }),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const IMPORT_OUTCOMES = ['imported', 'skipped', 'invalid', 'taken'] as const;
export const importReportSchema = z.object({
  imported: z.number(),
  /** Likely duplicates the user did not choose to import. */
  skipped: z.number(),
  invalid: z.number(),
  taken: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      fullName: z.string(),
      outcome: z.enum(IMPORT_OUTCOMES),
      patientId: z.string().nullable(),
      mrn: z.string().nullable(),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const importId = z.string().min(1).max(64);

export const importPreviewRequestSchema = z.object({ importId, mapping: importMappingSchema }).strict();
export const importCommitRequestSchema = z
  .object({
    importId,
    mapping: importMappingSchema,
    /** Rows flagged as likely duplicates that the user checked and wants imported anyway; others are skipped. */
    importDuplicates: z.array(z.number().int().positive()).max(MAX_IMPORT_ROWS).default([]),
  })
  .strict();
export const importDiscardRequestSchema = z.object({ importId }).strict();
