import { z } from 'zod';
import { channel } from './channel.ts';
import { pacsForwardStatusSchema } from './imaging.ts';
import { ADMIN_ONLY } from './roles.ts';
import { text } from './text.ts';

const id = z.string().min(1).max(64);

/** Minutes since local midnight. */
const minuteOfDay = z.number().int().min(0).max(1439);

export const syncSettingsSchema = z
  .object({
    /** Minutes between automatic rounds. */
    intervalMinutes: z.number().int().min(1).max(24 * 60),
    /** Upload and download budget in kilobytes per second; null for no limit. */
    bandwidthKiBps: z.number().int().min(16).max(10_000_000).nullable(),
    /** Automatic rounds only inside this daily window (e.g. 22:00–06:00); null for any time. "Sync now" ignores it. */
    window: z
      .object({ fromMinute: minuteOfDay, toMinute: minuteOfDay })
      .refine((window) => window.fromMinute !== window.toMinute, { message: 'The window must start and end at different times', path: ['toMinute'] })
      .nullable(),
    /** Fetch image files as soon as their study arrives, rather than on first open. */
    eagerImages: z.boolean(),
  })
  .strict();
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export const targetConfigSchema = z
  .object({
    /** Empty for AWS S3; the service URL for MinIO or Ceph RGW, e.g. https://minio.clinic.lan:9000. */
    endpoint: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
    region: text(64).min(1),
    bucket: z
      .string()
      .min(3)
      .max(63)
      .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'Bucket names are lower-case letters, digits, dots and hyphens'),
    /** A folder in the bucket, so several clinics or test setups can share it. */
    prefix: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9._/-]*$/, 'Letters, digits, dots, hyphens, underscores and slashes'),
    forcePathStyle: z.boolean(),
  })
  .strict();
export type TargetConfigInput = z.infer<typeof targetConfigSchema>;

const credentialsSchema = z.object({ accessKeyId: text(128).min(1), secretAccessKey: z.string().min(1).max(256) }).strict();

export const targetInputSchema = z
  .object({
    /** Absent to add a target. */
    id: id.optional(),
    name: text(100).min(1),
    config: targetConfigSchema,
    /** Null keeps the stored credentials (they are never sent back to the window). */
    credentials: credentialsSchema.nullable(),
  })
  .strict();
export type TargetInput = z.infer<typeof targetInputSchema>;

const transferSchema = z.object({ objects: z.number(), changes: z.number(), bytes: z.number() });

/**
 * Why a round failed, a target stopped or a connection check did not pass. Main sends only the code and its detail;
 * the Sync screen words them in the UI language (renderer/i18n/sections/sync.*.ts).
 */
export const syncProblemCodeSchema = z.enum([
  // The storage service's own codes that stop a target (main/sync/retry.ts PERMANENT_FAILURES).
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'NoSuchBucket',
  'AccessDenied',
  'InvalidBucketName',
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'Revoked',
  // A target stopped for a reason of this workstation's own.
  'NoCredentials',
  'NotEnrolled',
  'NoSuchTarget',
  /** A refusal with no better name: the detail carries the HTTP status and the service's code. */
  'Unexpected',
  'LocalStore',
  'Unreachable',
  // Connection test outcomes.
  'EndpointNotFound',
  'ConnectionRefused',
  'NoProperAnswer',
  'ReadBackDiffers',
  'NotListed',
]);
export type SyncProblemCode = z.infer<typeof syncProblemCodeSchema>;

/** An S3 error code as the service names it; anything else it sends is free text that may echo the request. */
export const SERVICE_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;
/** SQLite's extended result code name, e.g. SQLITE_IOERR_SHORT_READ. */
export const SQLITE_CODE_PATTERN = /^SQLITE_[A-Z0-9_]{1,60}$/;

export const syncProblemDetailSchema = z
  .object({
    httpStatus: z.number().int().min(100).max(599).optional(),
    serviceCode: z.string().regex(SERVICE_CODE_PATTERN).optional(),
    sqliteCode: z.string().regex(SQLITE_CODE_PATTERN).optional(),
  })
  .strict();
export type SyncProblemDetail = z.infer<typeof syncProblemDetailSchema>;

export const targetStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  config: targetConfigSchema,
  hasCredentials: z.boolean(),
  /** Whether the last round reached the storage service. */
  online: z.boolean().nullable(),
  lastSuccessAt: z.number().nullable(),
  /** Set when a permanent failure stopped the target; cleared by saving its settings or "sync now". */
  stopped: z.object({ code: syncProblemCodeSchema, detail: syncProblemDetailSchema }).nullable(),
  pendingChanges: z.number(),
  pendingBytes: z.number(),
  lastRound: z.object({ at: z.number(), pushed: transferSchema, pulled: transferSchema }).nullable(),
});

/**
 * Why another workstation's changes stopped applying at one of its objects: missing from the bucket while later ones
 * are there, unreadable (altered, or sealed with another clinic key), or newer (written by a later version of the app).
 */
export const pullBlockReasonSchema = z.enum(['missing', 'unreadable', 'newer']);
export type PullBlockReason = z.infer<typeof pullBlockReasonSchema>;

export const workstationStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  self: z.boolean(),
  /** Next object number this workstation will apply from it (per first target). */
  nextObject: z.number().nullable(),
  changesApplied: z.number(),
  lastPulledAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  /** Its changes stopped applying at `object` (on any target), for `reason`. Changes apply in order, so later ones wait. */
  blocked: z.object({ object: z.number(), reason: pullBlockReasonSchema }).nullable(),
});

export const syncErrorSchema = z.object({ at: z.number(), targetId: z.string(), code: syncProblemCodeSchema, detail: syncProblemDetailSchema, permanent: z.boolean() });

export const syncStatusSchema = z.object({
  enrolled: z.boolean(),
  workstationId: z.string(),
  state: z.enum(['stopped', 'idle', 'syncing', 'paused', 'outsideWindow']),
  /** The object moving now, if any. */
  transfer: z.object({ targetId: z.string(), direction: z.enum(['push', 'pull']), object: z.number(), changes: z.number(), bytes: z.number() }).nullable(),
  targets: z.array(targetStatusSchema),
  workstations: z.array(workstationStatusSchema),
  recentErrors: z.array(syncErrorSchema),
  settings: syncSettingsSchema,
  /** DICOMweb servers that take this workstation's new studies: the PACS as a second target (Imaging → PACS). */
  pacsForwarding: z.array(pacsForwardStatusSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const connectionCheckSchema = z.object({
  check: z.enum(['write', 'read', 'list', 'delete']),
  ok: z.boolean(),
  /** What failed (null when it passed); the Sync screen says what to do about it. */
  code: syncProblemCodeSchema.nullable(),
  detail: syncProblemDetailSchema,
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** The sync channels: status for everyone signed in, control and configuration for administrators. */
export const syncChannels = {
  'sync.status': channel({
    summary: 'Worker state, per-target health and pending changes, current transfer, recent errors and the workstation list.',
    request: z.object({}).strict(),
    response: syncStatusSchema,
    access: 'signedIn',
  }),
  'sync.pause': channel({ summary: 'Stops automatic rounds until resumed.', request: z.object({}).strict(), response: z.object({}), access: ADMIN_ONLY }),
  'sync.resume': channel({ summary: 'Resumes automatic rounds and starts one.', request: z.object({}).strict(), response: z.object({}), access: ADMIN_ONLY }),
  'sync.now': channel({
    summary: 'Starts a round at once (outside the time window too, and retrying stopped targets).',
    request: z.object({}).strict(),
    response: z.object({}),
    access: 'signedIn',
  }),
  'sync.settings.save': channel({ summary: 'Interval, bandwidth limit, time window, image fetching.', request: syncSettingsSchema, response: syncSettingsSchema, access: ADMIN_ONLY }),
  'sync.targets.save': channel({
    summary: 'Adds or changes an S3-compatible target; credentials are kept encrypted in the store. Creates the clinic sync key on the first workstation.',
    request: targetInputSchema,
    response: z.object({ id: z.string() }),
    access: ADMIN_ONLY,
  }),
  /** Refusals: NOT_FOUND for a target this workstation does not have. */
  'sync.targets.remove': channel({
    summary: 'Removes a target from this workstation: its settings, credentials and progress. What the bucket holds stays there.',
    request: z.object({ id }).strict(),
    response: z.object({}),
    access: ADMIN_ONLY,
  }),
  'sync.targets.test': channel({
    summary: 'Writes, reads, lists and deletes a test object, and names any failure by its code. Null credentials: those stored for `id`.',
    request: z.object({ id: id.optional(), config: targetConfigSchema, credentials: credentialsSchema.nullable() }).strict(),
    response: z.object({ checks: z.array(connectionCheckSchema) }),
    access: ADMIN_ONLY,
  }),
  'sync.enrolment.create': channel({
    summary:
      "An enrolment file for another workstation: the clinic sync key and targets, sealed under a passphrase (scrypt + AES-GCM) given to it another way, or to this workstation's recovery key.",
    request: z.union([
      z.object({ passphrase: z.string().min(12, 'At least 12 characters').max(256) }).strict(),
      z.object({ sealTo: z.literal('recoveryKey') }).strict(),
    ]),
    response: z.object({ file: z.string() }),
    access: ADMIN_ONLY,
  }),
  'sync.enrolment.join': channel({
    summary: 'Joins the clinic of an enrolment file, opened by its passphrase or by the recovery key of the workstation that made it; VALIDATION on `passphrase` or `recoveryKey` when it does not open the file.',
    request: z.union([
      z.object({ file: z.string().min(1).max(1_000_000), passphrase: z.string().min(1).max(256) }).strict(),
      z.object({ file: z.string().min(1).max(1_000_000), recoveryKey: z.string().min(1).max(100) }).strict(),
    ]),
    response: z.object({ clinicName: z.string(), targets: z.number() }),
    access: ADMIN_ONLY,
  }),
  'sync.workstations.revoke': channel({
    summary: "Stops applying a workstation's changes here (a lost or retired PC).",
    request: z.object({ id }).strict(),
    response: z.object({}),
    access: ADMIN_ONLY,
  }),
} as const;
