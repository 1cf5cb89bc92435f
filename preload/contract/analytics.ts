import { z } from 'zod';
import { channel } from './channel.ts';
import {
  allergyInputSchema,
  allergySchema,
  CHART_AUTHORS,
  medicationInputSchema,
  medicationSchema,
  problemInputSchema,
  problemSchema,
} from './chart.ts';
import { ANALYSTS } from './roles.ts';
import { text } from './text.ts';

const id = z.string().min(1).max(64);
const name = text(100).min(1);
const isoDate = z.iso.date();

/** Numeric measures: the only things averaged. Vitals are the chart's; age is at the event's date. */
export const MEASURES = ['age', 'systolic', 'diastolic', 'heartRate', 'temperature', 'spo2', 'respiratoryRate', 'height', 'weight', 'bmi'] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * What one row is: a patient (age today, latest vitals), an encounter (age then,
 * the vitals taken in it) or an appointment (age then; for provider and month workload).
 */
export const SUBJECTS = ['patients', 'encounters', 'appointments'] as const;
export type Subject = (typeof SUBJECTS)[number];

export const GROUPINGS = ['none', 'sex', 'ageBand', 'diagnosisChapter', 'diagnosisCode', 'provider', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const statisticsFiltersSchema = z
  .object({
    /** Event dates, inclusive, in the workstation's time zone. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** ICD-10 code or its start ("E11", "I1"): rows whose patient/encounter/appointment has such a diagnosis. */
    diagnosis: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][0-9A-Z.]{0,7}$/, 'An ICD-10 code or its start, e.g. E11')
      .optional(),
    minAge: z.number().int().min(0).max(130).optional(),
    maxAge: z.number().int().min(0).max(130).optional(),
  })
  .strict()
  .superRefine((filters, context) => {
    if (filters.from && filters.to && filters.to < filters.from) context.addIssue({ code: 'custom', path: ['to'], message: 'The end is before the start' });
    if (filters.minAge !== undefined && filters.maxAge !== undefined && filters.maxAge < filters.minAge) {
      context.addIssue({ code: 'custom', path: ['maxAge'], message: 'The highest age is below the lowest' });
    }
  });
export type StatisticsFilters = z.output<typeof statisticsFiltersSchema>;

export const statisticsRequestSchema = z
  .object({
    subject: z.enum(SUBJECTS),
    groupBy: z.enum(GROUPINGS),
    measures: z.array(z.enum(MEASURES)).min(1).max(MEASURES.length),
    filters: statisticsFiltersSchema.default({}),
  })
  .strict()
  .superRefine((request, context) => {
    if (request.groupBy === 'provider' && request.subject === 'patients') {
      context.addIssue({ code: 'custom', path: ['groupBy'], message: 'Patients have no single provider: group encounters or appointments by provider' });
    }
  });
export type StatisticsRequest = z.output<typeof statisticsRequestSchema>;

export const measureSummarySchema = z.object({
  measure: z.enum(MEASURES),
  /** Rows with a value, and rows without one (never silently dropped). */
  n: z.number().int(),
  missing: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  /** Sample standard deviation (n − 1); null below two values. */
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type MeasureSummary = z.infer<typeof measureSummarySchema>;

export const statisticsGroupSchema = z.object({
  /** The group's key (a sex, "40–49", an ICD-10 chapter "IX", a code, a provider's name, "2026-03"); null: not recorded. */
  key: z.string().nullable(),
  count: z.number().int(),
  measures: z.array(measureSummarySchema),
});
export type StatisticsGroup = z.infer<typeof statisticsGroupSchema>;

export const statisticsResultSchema = z.object({
  subject: z.enum(SUBJECTS),
  groupBy: z.enum(GROUPINGS),
  /** Rows after filtering, each counted once. */
  total: z.number().int(),
  /** True when a row may fall in several groups (several diagnoses), so group counts add up to more than the total. */
  overlapping: z.boolean(),
  groups: z.array(statisticsGroupSchema),
});
export type StatisticsResult = z.infer<typeof statisticsResultSchema>;

/** Per-patient numeric features a cohort can be clustered on. */
export const FEATURES = [
  'age',
  'systolic',
  'diastolic',
  'heartRate',
  'temperature',
  'spo2',
  'respiratoryRate',
  'height',
  'weight',
  'bmi',
  'encounters12m',
  'activeProblems',
  'activeMedications',
  'noShows12m',
] as const;
export type Feature = (typeof FEATURES)[number];
export const MISSING_POLICIES = ['exclude', 'mean', 'median'] as const;

export const clusteringRequestSchema = z
  .object({
    /** Chosen by the renderer (a UUID), so it can follow `job.progress` and cancel. */
    jobId: z.uuid(),
    features: z.array(z.enum(FEATURES)).min(1).max(FEATURES.length).refine((list) => new Set(list).size === list.length, 'Each feature once'),
    missing: z.enum(MISSING_POLICIES),
    k: z.number().int().min(2).max(20),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    /** Also fit k = from…to for the elbow and silhouette plots. */
    elbow: z
      .object({ from: z.number().int().min(1).max(20), to: z.number().int().min(2).max(20) })
      .strict()
      .refine((range) => range.to > range.from, { path: ['to'], message: 'The range is empty' })
      .optional(),
  })
  .strict();
export type ClusteringRequest = z.output<typeof clusteringRequestSchema>;

const silhouetteSchema = z.object({ score: z.number(), sampled: z.number().int(), total: z.number().int() });

export const clusterProfileSchema = z.object({
  cluster: z.number().int(),
  size: z.number().int(),
  /** In the features' own units, in the order of `features`. */
  centroid: z.array(z.number()),
  /** Standardised difference from the population mean (SD units), per feature. */
  standardised: z.array(z.number()),
  /** Indexes into `features`, most distinguishing first (|difference| ≥ 0.5 SD). */
  distinguishing: z.array(z.number().int()),
});
export type ClusterProfile = z.infer<typeof clusterProfileSchema>;

export const clusteringSummarySchema = z.object({
  features: z.array(z.enum(FEATURES)),
  missing: z.enum(MISSING_POLICIES),
  k: z.number().int(),
  seed: z.number().int(),
  /** Live patients considered, those left out for a missing value, and those with a value imputed. */
  patients: z.number().int(),
  excluded: z.number().int(),
  imputed: z.number().int(),
  featureStats: z.array(z.object({ feature: z.enum(FEATURES), mean: z.number(), sd: z.number(), missing: z.number().int(), imputedWith: z.number().nullable() })),
  profiles: z.array(clusterProfileSchema),
  inertia: z.number(),
  iterations: z.number().int(),
  converged: z.boolean(),
  silhouette: silhouetteSchema,
  elbow: z.array(z.object({ k: z.number().int(), inertia: z.number(), silhouette: silhouetteSchema })),
});
export type ClusteringSummary = z.infer<typeof clusteringSummarySchema>;

export const clusteringResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), jobId: z.string(), summary: clusteringSummarySchema }),
  z.object({ status: z.literal('cancelled'), jobId: z.string() }),
]);

export const cohortMemberSchema = z.object({
  patientId: z.string(),
  mrn: z.string(),
  fullName: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  cluster: z.number().int(),
});
export type CohortMember = z.infer<typeof cohortMemberSchema>;

export const cohortSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  createdAt: z.number(),
  createdByName: z.string(),
  summary: clusteringSummarySchema,
});
export type Cohort = z.infer<typeof cohortSchema>;

const membersPage = z.object({ total: z.number().int(), members: z.array(cohortMemberSchema) });

export const QUALITY_KINDS = [
  'missingField',
  'implausibleValue',
  'likelyDuplicate',
  'invalidCode',
  'encounterWithoutDiagnosis',
  'bmiMismatch',
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export const qualityReportSchema = z.object({
  generatedAt: z.number(),
  /** Completeness of each field over its records: how many have it. */
  completeness: z.array(z.object({ entity: z.string(), field: z.string(), present: z.number().int(), total: z.number().int() })),
  findings: z.array(
    z.object({
      kind: z.enum(QUALITY_KINDS),
      entity: z.string(),
      /** The record to fix and the route that opens it (`#/patients/<id>`). */
      recordId: z.string(),
      patientId: z.string(),
      route: z.string(),
      field: z.string().nullable(),
      /** The offending value where it is not identifying (a code, a number); never a name. */
      value: z.string().nullable(),
      /** The other record, for a likely duplicate. */
      otherPatientId: z.string().nullable(),
    }),
  ),
  /** Findings are capped; counts are not. */
  counts: z.record(z.string(), z.number().int()),
  truncated: z.boolean(),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;
export type QualityFinding = QualityReport['findings'][number];

const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };

/** Statistics, clustering, cohorts and data quality. */
const populationChannels = {
  'analytics.statistics.summarize': channel({
    summary: 'Group-by summaries (count, mean, median, SD, min, max, missing) of numeric measures over patients, encounters or appointments.',
    request: statisticsRequestSchema,
    response: statisticsResultSchema,
    access: ANALYSTS,
  }),
  'analytics.clustering.run': channel({
    summary: 'Cluster the live patients on the chosen features (k-means in a worker thread); progress as job.progress events of kind "clustering".',
    request: clusteringRequestSchema,
    response: clusteringResultSchema,
    access: ANALYSTS,
  }),
  'analytics.clustering.cancel': channel({
    summary: 'Stop a running clustering job.',
    request: z.object({ jobId: z.uuid() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    access: ANALYSTS,
  }),
  'analytics.clustering.members': channel({
    summary: 'Members of one cluster of a finished job of this session (audited: it lists patients).',
    request: z.object({ jobId: z.uuid(), cluster: z.number().int().min(0), ...page }).strict(),
    response: membersPage,
    access: ANALYSTS,
  }),
  'analytics.cohorts.save': channel({
    summary: 'Save a finished clustering job as a named cohort that can be re-opened later.',
    request: z.object({ jobId: z.uuid(), name }).strict(),
    response: cohortSchema,
    access: ANALYSTS,
  }),
  'analytics.cohorts.list': channel({
    summary: 'Saved cohorts, newest first.',
    request: z.object({}).strict(),
    response: z.array(cohortSchema),
    access: ANALYSTS,
  }),
  'analytics.cohorts.members': channel({
    summary: 'Members of a saved cohort, one cluster or all (audited: it lists patients).',
    request: z.object({ cohortId: id, cluster: z.number().int().min(0).optional(), ...page }).strict(),
    response: membersPage,
    access: ANALYSTS,
  }),
  'analytics.cohorts.delete': channel({
    summary: 'Delete a saved cohort (the charts are untouched).',
    request: z.object({ cohortId: id }).strict(),
    response: z.object({ deleted: z.boolean() }),
    access: ANALYSTS,
  }),
  'analytics.quality.report': channel({
    summary: 'Data quality: completeness per field, implausible values, likely duplicates, invalid codes, encounters without diagnoses; each finding links to its record.',
    request: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }).strict(),
    response: qualityReportSchema,
    access: ANALYSTS,
  }),
} as const;

/** CDS Hooks 2.0: the hooks the workstation calls. */
export const CDS_HOOKS = ['patient-view', 'encounter-start', 'order-select'] as const;
export type CdsHook = (typeof CDS_HOOKS)[number];

/** A card as CDS Hooks 2.0 defines it (unknown fields are ignored). */
export const cdsCardSchema = z.object({
  uuid: z.string().max(100).optional(),
  summary: z.string().min(1).max(300),
  detail: z.string().max(10_000).optional(),
  indicator: z.enum(['info', 'warning', 'critical']),
  source: z.object({ label: z.string().min(1).max(200), url: z.string().max(2000).optional(), topic: z.object({ code: z.string().optional(), display: z.string().optional() }).optional() }),
  suggestions: z
    .array(
      z.object({
        label: z.string().min(1).max(300),
        uuid: z.string().max(100).optional(),
        isRecommended: z.boolean().optional(),
        actions: z.array(z.object({ type: z.enum(['create', 'update', 'delete']), description: z.string().max(1000).optional(), resource: z.record(z.string(), z.unknown()).optional(), resourceId: z.string().optional() })).optional(),
      }),
    )
    .max(20)
    .optional(),
  selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
  overrideReasons: z.array(z.object({ code: z.string().optional(), system: z.string().optional(), display: z.string().optional() })).max(20).optional(),
  links: z
    .array(z.object({ label: z.string().min(1).max(300), url: z.string().max(2000), type: z.enum(['absolute', 'smart']), appContext: z.string().optional() }))
    .max(20)
    .optional(),
});
export type CdsCard = z.infer<typeof cdsCardSchema>;

export const cdsServiceSchema = z.object({
  id: z.string(),
  hook: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  prefetch: z.record(z.string(), z.string()).optional(),
});
export type CdsService = z.infer<typeof cdsServiceSchema>;

export const cdsServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  enabled: z.boolean(),
  timeoutMs: z.number().int(),
  /** Whether a credential is stored (it never leaves main). */
  hasCredential: z.boolean(),
  services: z.array(cdsServiceSchema),
  discoveredAt: z.number().nullable(),
  discoveryError: z.string().nullable(),
  /** Circuit breaker: consecutive failures, and until when calls are held back (null: closed). */
  failures: z.number().int(),
  openUntil: z.number().nullable(),
});
export type CdsServer = z.infer<typeof cdsServerSchema>;

export const cdsServerInputSchema = z
  .object({
    id: id.optional(),
    name,
    baseUrl: z
      .string()
      .trim()
      .max(500)
      .pipe(z.url({ protocol: /^https?$/, error: 'An http or https address' }))
      .transform((url) => url.replace(/\/+$/, '')),
    enabled: z.boolean().default(true),
    timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
    /** A bearer token sent as Authorization; absent keeps the stored one, null removes it. */
    credential: z.string().min(1).max(4000).nullable().optional(),
  })
  .strict();
export type CdsServerInput = z.output<typeof cdsServerInputSchema>;

/** Why a call has not (yet) succeeded: the chart translates the code. */
export const CDS_ERRORS = ['timeout', 'unreachable', 'http-error', 'server-error', 'malformed', 'circuit-open', 'unauthorised', 'gave-up'] as const;

export const cdsRequestStatusSchema = z.object({
  id: z.string(),
  serverName: z.string(),
  serviceId: z.string(),
  hook: z.enum(CDS_HOOKS),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
  createdAt: z.number(),
  completedAt: z.number().nullable(),
});
export type CdsRequestStatus = z.infer<typeof cdsRequestStatusSchema>;

export const cdsCardEntrySchema = z.object({
  id: z.string(),
  serverName: z.string(),
  serviceId: z.string(),
  receivedAt: z.number(),
  status: z.enum(['new', 'accepted', 'dismissed']),
  decidedByName: z.string().nullable(),
  decidedAt: z.number().nullable(),
  decisionReason: z.string().nullable(),
  card: cdsCardSchema,
});
export type CdsCardEntry = z.infer<typeof cdsCardEntrySchema>;

/** What the chart adds to an entry when it records it; a proposal is the entry without them. */
const ENTRY_RECORD = { id: true, patientId: true, recordedBy: true, createdAt: true, updatedAt: true } as const;

/** The chart entries a draft can become (the chart's own list entries). */
export const DRAFT_ENTRY_KINDS = ['problem', 'medication', 'allergy'] as const;
export type DraftEntryKind = (typeof DRAFT_ENTRY_KINDS)[number];

/**
 * A draft's resource read as the chart entry it proposes, for the physician's review form: unchecked
 * (the service may propose a code or date the chart refuses; the form shows why), dates moved back from
 * the call's shifted time line to the patient's own.
 */
export const draftProposalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('problem'), problem: problemSchema.omit(ENTRY_RECORD) }),
  z.object({ kind: z.literal('medication'), medication: medicationSchema.omit(ENTRY_RECORD) }),
  z.object({ kind: z.literal('allergy'), allergy: allergySchema.omit(ENTRY_RECORD) }),
]);
export type DraftProposal = z.infer<typeof draftProposalSchema>;

export const cdsDraftSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  resourceType: z.string(),
  /** The FHIR resource as the service proposed it (its subject is the call's pseudonym, not this patient's id). */
  resource: z.record(z.string(), z.unknown()),
  /** The chart entry it proposes; null: a kind of resource the chart has no list for (only discarding, or recording it by hand). */
  proposal: draftProposalSchema.nullable(),
  status: z.enum(['draft', 'applied', 'discarded']),
  createdAt: z.number(),
  createdByName: z.string(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  discardReason: z.string().nullable(),
  /** The chart entry an applied draft became. */
  applied: z.object({ kind: z.enum(DRAFT_ENTRY_KINDS), id: z.string() }).nullable(),
});
export type CdsDraft = z.infer<typeof cdsDraftSchema>;

/** A draft as the physician applies it: the chart's own entry schemas, so the chart's rules hold. */
export const draftEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('problem'), problem: problemInputSchema }).strict(),
  z.object({ kind: z.literal('medication'), medication: medicationInputSchema }).strict(),
  z.object({ kind: z.literal('allergy'), allergy: allergyInputSchema }).strict(),
]);
export type DraftEntry = z.output<typeof draftEntrySchema>;

export const cdsAdviceSchema = z.object({ requests: z.array(cdsRequestStatusSchema), cards: z.array(cdsCardEntrySchema) });
export type CdsAdvice = z.infer<typeof cdsAdviceSchema>;

const analyticsCdsChannels = {
  'analytics.cds.servers.list': channel({
    summary: 'Administrator: the configured CDS Hooks services, their discovered services and circuit state.',
    request: z.object({}).strict(),
    response: z.array(cdsServerSchema),
    access: ['admin'],
  }),
  'analytics.cds.servers.save': channel({
    summary: 'Administrator: add or change a CDS Hooks server (base URL, timeout, credential kept encrypted in the store).',
    request: cdsServerInputSchema,
    response: cdsServerSchema,
    access: ['admin'],
  }),
  'analytics.cds.servers.discover': channel({
    summary: 'Administrator: GET {base}/cds-services and remember the services offered.',
    request: z.object({ id }).strict(),
    response: cdsServerSchema,
    access: ['admin'],
  }),
  'analytics.cds.request': channel({
    summary: 'Queue a hook call (de-identified prefetch) to every enabled service for this hook; the sync worker sends it (the answer waits briefly for the first attempt).',
    request: z.object({ patientId: id, hook: z.enum(CDS_HOOKS), encounterId: id.optional() }).strict(),
    response: cdsAdviceSchema,
    access: ANALYSTS,
  }),
  'analytics.cds.advice': channel({
    summary: 'The CDS requests and cards of a patient, newest first.',
    request: z.object({ patientId: id }).strict(),
    response: cdsAdviceSchema,
    access: ANALYSTS,
  }),
  'analytics.cds.status': channel({
    summary: 'The CDS requests of a patient and how far each got (no card content); the chart follows it while a call is on its way.',
    request: z.object({ patientId: id }).strict(),
    response: z.array(cdsRequestStatusSchema),
    access: ANALYSTS,
  }),
  'analytics.cds.cards.accept': channel({
    summary: 'Accept a card’s suggestion: its proposed resources are kept as drafts for review; audited.',
    request: z.object({ cardId: id, suggestion: z.number().int().min(0).max(19).optional() }).strict(),
    response: cdsCardEntrySchema,
    access: ANALYSTS,
  }),
  'analytics.cds.drafts': channel({
    summary: 'Resources accepted from cards, kept as drafts until reviewed into the chart.',
    request: z.object({ patientId: id }).strict(),
    response: z.array(cdsDraftSchema),
    access: ANALYSTS,
  }),
  'analytics.cds.drafts.apply': channel({
    summary: 'Physician: apply a draft, as reviewed and possibly edited, as the chart entry it proposes (problem, medication or allergy); audited with the entry.',
    request: z
      .object({
        draftId: id,
        entry: draftEntrySchema,
      })
      .strict(),
    response: cdsDraftSchema,
    access: CHART_AUTHORS,
  }),
  'analytics.cds.drafts.discard': channel({
    summary: 'Physician: discard a draft with a reason; audited.',
    request: z.object({ draftId: id, reason: z.string().trim().min(1).max(500).regex(/^[^\p{Cc}]*$/u) }).strict(),
    response: cdsDraftSchema,
    access: CHART_AUTHORS,
  }),
  'analytics.cds.cards.dismiss': channel({
    summary: 'Dismiss a card with a reason; audited.',
    request: z.object({ cardId: id, reason: z.string().trim().min(1).max(500).regex(/^[^\p{Cc}]*$/u) }).strict(),
    response: cdsCardEntrySchema,
    access: ANALYSTS,
  }),
} as const;

export const DATASET_FORMATS = ['ndjson', 'csv'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export const datasetExportResultSchema = z.object({
  /** The new folder, or `s3://bucket/<target prefix>datasets/<export id>/` in a sync target's bucket. */
  location: z.string(),
  format: z.enum(DATASET_FORMATS),
  patients: z.number().int(),
  files: z.array(z.object({ type: z.string(), file: z.string(), count: z.number().int() })),
});
export type DatasetExportResult = z.infer<typeof datasetExportResultSchema>;

const datasetChannels = {
  'analytics.dataset.export': channel({
    summary:
      'Administrator: the de-identified dataset (FHIR Bulk Data NDJSON or CSV, with a manifest written last) into a new folder chosen in a dialog, or, given a sync target, as plain objects under `datasets/<export id>/` in its bucket.',
    request: z.object({ format: z.enum(DATASET_FORMATS), target: id.optional() }).strict(),
    response: z.discriminatedUnion('status', [z.object({ status: z.literal('done'), result: datasetExportResultSchema }), z.object({ status: z.literal('cancelled') })]),
    access: ['admin'],
  }),
} as const;

/** The analytics channels. */
export const analyticsChannels = { ...populationChannels, ...analyticsCdsChannels, ...datasetChannels } as const;
