import { z } from 'zod';

/**
 * Every failure that crosses the contract is one of these codes. The renderer
 * translates the code (never the message) for the user; the message is a safe
 * English fallback that never contains patient data or stack traces.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field-level problem, addressed by its path in the request (`address.city`). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(fieldIssueSchema).optional(),
  /** Non-identifying facts the UI may show, e.g. minutes until a lockout ends. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };
