import { z } from 'zod';
import { channel } from './channel.ts';
import { patientInputSchema } from './patients.ts';
import { ADMIN_ONLY, CLINICAL_ROLES, type Role } from './roles.ts';
import { text } from './text.ts';

/** Who sees images and measurements. The front desk imports and reconciles, but does not read images. */
export const IMAGE_VIEWERS = ['admin', 'physician', 'radiologist', 'nurse'] as const satisfies readonly Role[];
/** Who saves measurements and key images. */
const ANNOTATORS = ['admin', 'physician', 'radiologist'] as const satisfies readonly Role[];
/** Who brings images in (files, CDs, PACS) and links them to charts. */
export const IMAGE_IMPORTERS = ['admin', 'frontdesk', 'physician', 'radiologist'] as const satisfies readonly Role[];
/** Who writes and signs imaging reports. */
export const REPORTERS = ['radiologist'] as const satisfies readonly Role[];

const id = z.string().min(1).max(64);

export const SEXES_IN_FILES = ['female', 'male', 'other', 'unknown'] as const;
export const LINK_REASONS = ['mrn', 'national-id', 'manual', 'created'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];
export const REPORT_STATUSES = ['none', 'draft', 'signed'] as const;
export const MISMATCH_FIELDS = ['name', 'sex', 'birthDate'] as const;
/** Who registered a patient from a study's demographics: also a right of the registrars. */
const PATIENT_CREATORS = ['admin', 'frontdesk'] as const satisfies readonly Role[];

/** A study as the study list shows it. Patient fields are as found in the files (decoded), not the chart's. */
export const studySummarySchema = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  /** The chart this study is linked to; null while it waits for reconciliation. */
  patientId: z.string().nullable(),
  linkReason: z.enum(LINK_REASONS).nullable(),
  /** Demographics in the files that differ from the linked chart (shown, never applied to the chart). */
  mismatches: z.array(z.enum(MISMATCH_FIELDS)),
  /** Demographics as found in the DICOM files. */
  filePatient: z.object({
    name: z.string(),
    patientId: z.string(),
    birthDate: z.string().nullable(),
    sex: z.enum(SEXES_IN_FILES),
  }),
  /** YYYY-MM-DD, or null when the files do not say. */
  studyDate: z.string().nullable(),
  /** HH:MM:SS, or null. */
  studyTime: z.string().nullable(),
  description: z.string(),
  accessionNumber: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().int(),
  instanceCount: z.number().int(),
  reportStatus: z.enum(REPORT_STATUSES),
  importedAt: z.number(),
});
export type StudySummary = z.infer<typeof studySummarySchema>;

/** One object of a series, in display order: an image, or an object without pixel data (frameCount 0). */
export const instanceSummarySchema = z.object({
  id: z.string(),
  sopInstanceUid: z.string(),
  sopClassUid: z.string(),
  instanceNumber: z.number().int().nullable(),
  /** 0 for an object without pixel data (a report, a key object selection, a presentation state, a document). */
  frameCount: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  transferSyntaxUid: z.string(),
  /** Position along the slice normal, mm; null for non-volume images. */
  slicePosition: z.number().nullable(),
});
export type InstanceSummary = z.infer<typeof instanceSummarySchema>;

/**
 * What a series holds: `images` when any of its objects has pixel data (the viewer shows those only), else
 * what its objects without pixel data are (named from their SOP class), which the viewer lists but never opens.
 */
export const SERIES_CONTENTS = ['images', 'structured-report', 'key-objects', 'presentation-state', 'document', 'other'] as const;
export type SeriesContent = (typeof SERIES_CONTENTS)[number];

export const seriesSchema = z.object({
  id: z.string(),
  seriesInstanceUid: z.string(),
  modality: z.string(),
  seriesNumber: z.number().int().nullable(),
  description: z.string(),
  bodyPart: z.string(),
  content: z.enum(SERIES_CONTENTS),
  /** Ordered by slice position when every instance has one, else by instance number, then by UID. */
  instances: z.array(instanceSummarySchema),
});
export type Series = z.infer<typeof seriesSchema>;

export const ANNOTATION_TOOLS = ['length', 'angle', 'ellipse', 'rectangle', 'probe'] as const;
export type AnnotationTool = (typeof ANNOTATION_TOOLS)[number];
// Zod 4 numbers are finite: Infinity and NaN are refused.
const point = z.object({ x: z.number(), y: z.number() }).strict();
/** How many image-coordinate points each tool keeps: length 2 ends; angle 3 (vertex in the middle); ellipse and rectangle 2 corners of the bounding box; probe 1. */
export const ANNOTATION_POINTS: Readonly<Record<AnnotationTool, number>> = { length: 2, angle: 3, ellipse: 2, rectangle: 2, probe: 1 };

export const annotationSchema = z
  .object({
    /** Chosen by the renderer (a UUID); stable across saves. */
    id,
    tool: z.enum(ANNOTATION_TOOLS),
    instanceId: id,
    /** Zero-based frame of a multi-frame instance. */
    frame: z.number().int().nonnegative().default(0),
    /** Image coordinates (pixel columns, rows), not screen coordinates. */
    points: z.array(point).min(1).max(3),
    label: text(200).optional(),
  })
  .strict()
  .refine((annotation) => annotation.points.length === ANNOTATION_POINTS[annotation.tool], { path: ['points'], message: 'Wrong number of points for this tool' });
export type Annotation = z.infer<typeof annotationSchema>;

export const keyImageSchema = z.object({ instanceId: id, frame: z.number().int().nonnegative().default(0) }).strict();
export type KeyImage = z.infer<typeof keyImageSchema>;

export const studyAnnotationsSchema = z.object({
  studyId: z.string(),
  annotations: z.array(annotationSchema),
  keyImages: z.array(keyImageSchema),
  /** Null until first saved. */
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable(),
});
export type StudyAnnotations = z.infer<typeof studyAnnotationsSchema>;

export const studyListRequestSchema = z
  .object({
    patientId: id.optional(),
    /** Matches the name or ID as found in the files, accession number and description. */
    query: text(100).optional(),
    /** Only studies waiting for reconciliation. */
    unlinkedOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

/** Why a file was not imported; the UI translates the code. */
export const IMPORT_REJECTION_REASONS = [
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

export const importReportSchema = z.object({
  files: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  /** Each file not imported, with its reason. Paths are the user's own, shown only to them. */
  rejected: z.array(z.object({ file: z.string(), reason: z.enum(IMPORT_REJECTION_REASONS) })),
  studyIds: z.array(z.string()),
  cancelled: z.boolean(),
  elapsedMs: z.number(),
});
export type ImportReportView = z.infer<typeof importReportSchema>;

export const importJobStatusSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  phase: z.enum(['scanning', 'importing']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** Set once the job has finished. */
  report: importReportSchema.nullable(),
});
export type ImportJobStatus = z.infer<typeof importJobStatusSchema>;

/** An absolute path on this computer, as a native chooser or a drop gives it. */
const localPath = z.string().min(1).max(4096);
const jobRef = z.object({ jobId: z.uuid() }).strict();
const startedJob = z.object({ jobId: z.string() });

export const reconcileItemSchema = z.object({
  study: studySummarySchema,
  /** The chart whose MRN or identifier matches, if any; null: link by hand or create a patient. */
  candidate: z
    .object({
      patientId: z.string(),
      mrn: z.string(),
      fullName: z.string(),
      sex: z.enum(SEXES_IN_FILES),
      birthDate: z.string(),
      reason: z.enum(['mrn', 'national-id']),
      mismatches: z.array(z.enum(MISMATCH_FIELDS)),
    })
    .nullable(),
});
export type ReconcileItem = z.infer<typeof reconcileItemSchema>;

const person = z.object({ id: z.string(), name: z.string() });
const reportBodySchema = z.object({
  id: z.string(),
  studyId: z.string(),
  status: z.enum(['draft', 'signed']),
  findings: z.string(),
  impression: z.string(),
  author: person,
  signedAt: z.number().nullable(),
  signedBy: person.nullable(),
  createdAt: z.number(),
  /** Send back as `expectedUpdatedAt` to save or sign what you read. */
  updatedAt: z.number(),
  addenda: z.array(z.object({ id: z.string(), text: z.string(), author: person, createdAt: z.number() })),
});
export type ReportBody = z.infer<typeof reportBodySchema>;
export const imagingReportSchema = reportBodySchema.extend({
  /**
   * Reports written for the same study on other workstations while they were apart: sync keeps one report per
   * study, and shows the others here, read-only, so nothing written or signed is hidden.
   */
  concurrent: z.array(reportBodySchema),
});
export type ImagingReport = z.infer<typeof imagingReportSchema>;

export const patientImagingReportSchema = z.object({
  report: imagingReportSchema,
  study: z.object({ id: z.string(), studyDate: z.string().nullable(), description: z.string(), modalities: z.array(z.string()), accessionNumber: z.string() }),
});
export type PatientImagingReport = z.infer<typeof patientImagingReportSchema>;

/** Report text: printable, newlines allowed. */
const reportText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}]*(?:\r?\n[^\p{Cc}]*)*$/u, 'Control characters are not allowed');

export const PACS_FAILURES = ['unreachable', 'unauthorized', 'forbidden', 'not-found', 'server-error', 'bad-response', 'timeout'] as const;
export type PacsFailure = (typeof PACS_FAILURES)[number];
export const PACS_AUTH = ['none', 'basic', 'bearer'] as const;

export const pacsServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  auth: z.enum(PACS_AUTH),
  username: z.string(),
  /** Whether a password or token is stored (it never leaves main). */
  hasSecret: z.boolean(),
  /** Studies imported on this workstation from now on are also sent here, in the background (a second sync target). */
  forwardNew: z.boolean(),
});
export type PacsServer = z.infer<typeof pacsServerSchema>;

/** A server that takes this workstation's new studies (`forwardNew`): what waits, what went, and what went wrong. */
export const pacsForwardStatusSchema = z.object({
  pacsId: z.string(),
  name: z.string(),
  /** Objects waiting to be sent. */
  pending: z.number().int(),
  sent: z.number().int(),
  /** Objects the server refused (its answer named them): not sent again. */
  refused: z.number().int(),
  lastSuccessAt: z.number().nullable(),
  /** Set when a refusal retrying cannot fix stopped sending; cleared by saving the server or "Sync now". */
  stopped: z.enum(PACS_FAILURES).nullable(),
  /** The last try's failure, while it lasts. */
  problem: z.object({ failure: z.enum(PACS_FAILURES), at: z.number() }).nullable(),
});
export type PacsForwardStatus = z.infer<typeof pacsForwardStatusSchema>;

export const pacsStudySchema = z.object({
  studyInstanceUid: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  birthDate: z.string().nullable(),
  studyDate: z.string().nullable(),
  description: z.string(),
  accessionNumber: z.string(),
  modalities: z.array(z.string()),
  seriesCount: z.number().nullable(),
  instanceCount: z.number().nullable(),
});
export type PacsStudy = z.infer<typeof pacsStudySchema>;

export const pacsJobSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['retrieve', 'send']),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** Retrieve: new instances; send: instances the PACS accepted. */
  succeeded: z.number().int(),
  duplicates: z.number().int(),
  /** Instances refused (by the import checks or by the PACS). */
  failed: z.number().int(),
  failure: z.enum(PACS_FAILURES).nullable(),
  studyIds: z.array(z.string()),
});
export type PacsJob = z.infer<typeof pacsJobSchema>;

/** A DICOM date range bound, YYYY-MM-DD. */
const isoDay = z.iso.date();

export const exportResultSchema = z.object({
  /** The folder made for this export (neutral name) inside the chosen one. */
  folder: z.string(),
  files: z.number().int(),
  /** Images with burned-in annotations, left out of a de-identified export. */
  skippedBurnedIn: z.number().int(),
  /**
   * Objects without pixel data (reports, key objects, presentation states, documents), left out of a
   * de-identified export: their identifying content is free text and coded trees the Basic Profile can only remove.
   */
  skippedNonImage: z.number().int(),
  failed: z.number().int(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** Who may take images out of the workstation. */
const EXPORTERS = ['admin', 'physician', 'radiologist'] as const satisfies readonly Role[];

export const imagingChannels = {
  'imaging.studies.list': channel({
    summary: 'Studies, newest first: of one patient, matching a search, or waiting for reconciliation.',
    request: studyListRequestSchema,
    response: z.array(studySummarySchema),
    access: CLINICAL_ROLES,
  }),
  'imaging.studies.get': channel({
    summary: 'One study’s summary.',
    request: z.object({ studyId: id }).strict(),
    response: studySummarySchema,
    access: CLINICAL_ROLES,
  }),
  'imaging.series.list': channel({
    summary: 'A study’s series with their instances in display order (an audited chart read).',
    request: z.object({ studyId: id }).strict(),
    response: z.array(seriesSchema),
    access: IMAGE_VIEWERS,
  }),
  'imaging.studies.viewExported': channel({
    summary: 'Records (audit action `export`) that the viewer saved its current view of a study as a PNG; no pixels are sent.',
    request: z.object({ studyId: id }).strict(),
    response: z.null(),
    access: IMAGE_VIEWERS,
  }),
  'imaging.media.token': channel({
    summary: 'A short-lived opaque token for /media/ URLs, bound to this session and its role.',
    request: z.object({}).strict(),
    response: z.object({ token: z.string(), expiresAt: z.number() }),
    access: IMAGE_VIEWERS,
  }),
  'imaging.annotations.get': channel({
    summary: 'A study’s saved measurements and key images.',
    request: z.object({ studyId: id }).strict(),
    response: studyAnnotationsSchema,
    access: IMAGE_VIEWERS,
  }),
  'imaging.annotations.save': channel({
    summary: 'Replaces a study’s measurements and key images.',
    request: z
      .object({
        studyId: id,
        annotations: z.array(annotationSchema).max(2000),
        keyImages: z.array(keyImageSchema).max(2000),
      })
      .strict(),
    response: studyAnnotationsSchema,
    access: ANNOTATORS,
  }),
  'imaging.import.start': channel({
    summary: 'Imports dropped files and folders (absolute paths, from the preload’s getPathForFile); progress as job.progress events.',
    request: z.object({ paths: z.array(localPath).min(1).max(1000) }).strict(),
    response: startedJob,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.import.choose': channel({
    summary: 'Asks for files or a folder (a CD, a USB disk) with the native chooser and imports them; null if cancelled.',
    request: z.object({ kind: z.enum(['files', 'folder']) }).strict(),
    response: startedJob.nullable(),
    access: IMAGE_IMPORTERS,
  }),
  'imaging.import.status': channel({
    summary: 'An import’s progress, and its report once finished.',
    request: jobRef,
    response: importJobStatusSchema,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.import.cancel': channel({
    summary: 'Stops an import after the file in progress; what was imported stays.',
    request: jobRef,
    response: importJobStatusSchema,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.reconcile.list': channel({
    summary: 'Studies waiting for a chart, each with the likely chart (MRN or ID match) and the demographics that disagree.',
    request: z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict(),
    response: z.array(reconcileItemSchema),
    access: IMAGE_IMPORTERS,
  }),
  'imaging.reconcile.link': channel({
    summary: 'Links a study to a chart; refused (CONFLICT, reason mismatch) until disagreeing demographics are acknowledged.',
    request: z.object({ studyId: id, patientId: id, acknowledgeMismatches: z.boolean().default(false) }).strict(),
    response: studySummarySchema,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.reconcile.createPatient': channel({
    summary: 'Registers a patient from a waiting study’s (checked) demographics and links the study to the new chart.',
    request: z.object({ studyId: id, patient: patientInputSchema, confirmedNotDuplicate: z.boolean().default(false) }).strict(),
    response: studySummarySchema,
    access: PATIENT_CREATORS,
  }),
  'imaging.reconcile.unlink': channel({
    summary: 'Takes a study off a chart it was linked to by mistake; it waits for reconciliation again.',
    request: z.object({ studyId: id }).strict(),
    response: studySummarySchema,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.reports.get': channel({
    summary: 'A study’s report with its addenda, or null (an audited chart read).',
    request: z.object({ studyId: id }).strict(),
    response: imagingReportSchema.nullable(),
    access: IMAGE_VIEWERS,
  }),
  'imaging.reports.saveDraft': channel({
    summary: 'Creates or updates the draft; refused once signed or if someone saved since (expectedUpdatedAt; null to create).',
    request: z
      .object({ studyId: id, findings: reportText(20_000), impression: reportText(5_000), expectedUpdatedAt: z.number().int().nullable() })
      .strict(),
    response: imagingReportSchema,
    access: REPORTERS,
  }),
  'imaging.reports.sign': channel({
    summary: 'Signs the draft as read; the report becomes read-only (addenda only). Needs an impression.',
    request: z.object({ studyId: id, expectedUpdatedAt: z.number().int() }).strict(),
    response: imagingReportSchema,
    access: REPORTERS,
  }),
  'imaging.reports.addAddendum': channel({
    summary: 'Adds an addendum to a signed report.',
    request: z.object({ studyId: id, text: reportText(5_000).refine((value) => value.trim().length > 0, 'Required') }).strict(),
    response: imagingReportSchema,
    access: REPORTERS,
  }),
  'imaging.reports.forPatient': channel({
    summary: 'A patient’s signed imaging reports, newest study first — what the chart shows (an audited chart read).',
    request: z.object({ patientId: id }).strict(),
    response: z.array(patientImagingReportSchema),
    access: IMAGE_VIEWERS,
  }),
  'imaging.pacs.list': channel({
    summary: 'Configured DICOMweb servers (credentials stay in main).',
    request: z.object({}).strict(),
    response: z.array(pacsServerSchema),
    access: IMAGE_IMPORTERS,
  }),
  'imaging.pacs.save': channel({
    summary: 'Administrator: adds or changes a DICOMweb server; a secret left out keeps the stored one.',
    request: z
      .object({
        id: id.optional(),
        name: text(100).min(1),
        baseUrl: z.url({ protocol: /^https?$/ }).max(500),
        auth: z.enum(PACS_AUTH),
        username: text(200).default(''),
        secret: z.string().max(4096).optional(),
        forwardNew: z.boolean().default(false),
      })
      .strict(),
    response: pacsServerSchema,
    access: ADMIN_ONLY,
  }),
  'imaging.pacs.remove': channel({
    summary: 'Administrator: removes a DICOMweb server and its stored credentials.',
    request: z.object({ id }).strict(),
    response: z.object({ removed: z.boolean() }),
    access: ADMIN_ONLY,
  }),
  'imaging.pacs.test': channel({
    summary: 'Tries a study search on the server and explains a failure.',
    request: z.object({ id }).strict(),
    response: z.object({ ok: z.boolean(), failure: z.enum(PACS_FAILURES).nullable() }),
    access: IMAGE_IMPORTERS,
  }),
  'imaging.pacs.search': channel({
    summary: 'QIDO-RS study search on a configured server.',
    request: z
      .object({
        pacsId: id,
        patientName: text(100).optional(),
        patientId: text(64).optional(),
        studyDateFrom: isoDay.optional(),
        studyDateTo: isoDay.optional(),
        accession: text(64).optional(),
        modality: text(16).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.array(pacsStudySchema),
    access: IMAGE_IMPORTERS,
  }),
  'imaging.pacs.retrieve': channel({
    summary: 'WADO-RS: retrieves a study into local storage through the import checks; progress as job.progress.',
    request: z.object({ pacsId: id, studyInstanceUid: z.string().min(1).max(64).regex(/^[0-9.]+$/) }).strict(),
    response: startedJob,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.pacs.send': channel({
    summary: 'STOW-RS: sends a local study to a server; progress as job.progress.',
    request: z.object({ pacsId: id, studyId: id }).strict(),
    response: startedJob,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.pacs.job': channel({
    summary: 'A retrieve or send job’s progress and outcome.',
    request: jobRef,
    response: pacsJobSchema,
    access: IMAGE_IMPORTERS,
  }),
  'imaging.export.studies': channel({
    summary: 'Asks for a folder and writes the studies there as DICOM, optionally de-identified (PS3.15 Basic Profile); null if cancelled.',
    request: z.object({ studyIds: z.array(id).min(1).max(100), deidentify: z.boolean() }).strict(),
    response: exportResultSchema.nullable(),
    access: EXPORTERS,
  }),
} as const;
