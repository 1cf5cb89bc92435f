import { z } from 'zod';
import { channel } from './channel.ts';
import { AUDIT_ACTIONS } from './audit-actions.ts';
import { ADMIN_ONLY, ROLES } from './roles.ts';

export { AUDIT_ACTIONS, type AuditAction } from './audit-actions.ts';


export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  breakGlass: z.boolean(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z
  .object({
    userId: z.string().max(64).optional(),
    patientId: z.string().max(64).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  /** First row where the chain breaks, and how. */
  problem: z.object({ seq: z.number().int(), kind: z.enum(['modified', 'missing', 'reordered']) }).nullable(),
});

export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditChannels = {
  'audit.query': channel({
    summary: 'Administrator: audit entries, newest first, filtered by user, patient, action and date.',
    request: auditFilterSchema.extend({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    response: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
    access: ADMIN_ONLY,
  }),
  'audit.exportCsv': channel({
    summary: 'Administrator: the filtered audit trail as CSV (the export itself is audited).',
    request: auditFilterSchema,
    response: z.object({ fileName: z.string(), csv: z.string() }),
    access: ADMIN_ONLY,
  }),
  'audit.verify': channel({
    summary: 'Administrator: check the hash chain of the whole audit trail.',
    request: z.object({}).strict(),
    response: auditVerificationSchema,
    access: ADMIN_ONLY,
  }),
} as const;
