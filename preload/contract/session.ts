import { z } from 'zod';
import { channel } from './channel.ts';
import { BREAK_GLASS_ROLES, ROLES } from './roles.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Letters, digits, dot, dash and underscore only');
/** Long enough to resist guessing offline against the keyring's KDF; no composition rules (NIST 800-63B). */
export const passwordSchema = z.string().min(10).max(256);
export const displayNameSchema = z.string().trim().min(1).max(100);

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type UserView = z.infer<typeof userViewSchema>;

export const sessionViewSchema = z.object({
  state: z.enum(['signedOut', 'active', 'locked']),
  user: userViewSchema.nullable(),
  clinicName: z.string().nullable(),
  idleLockMinutes: z.number().int(),
  /** Epoch ms until which emergency access is in force, or null. */
  breakGlassUntil: z.number().nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

const recoveryKeySchema = z.string().trim().min(20).max(200);

export const sessionChannels = {
  'setup.initialize': channel({
    summary: 'First run: create the clinic, its encrypted store and the first administrator; returns the recovery key once.',
    request: z.object({ clinicName: z.string().trim().min(1).max(200), username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
    response: z.object({ recoveryKey: z.string() }),
    access: 'public',
  }),
  'setup.confirmRecoveryKey': channel({
    summary: 'First run: the administrator types the recovery key back to prove it was written down.',
    request: z.object({ recoveryKey: recoveryKeySchema }).strict(),
    response: z.object({ confirmed: z.literal(true) }),
    access: 'public',
  }),
  'session.get': channel({
    summary: 'Who is signed in at this window, and whether it is locked.',
    request: z.object({}).strict(),
    response: sessionViewSchema,
    access: 'public',
  }),
  'session.login': channel({
    summary: 'Sign in; repeated failures lock the account for a while.',
    request: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    response: sessionViewSchema,
    access: 'public',
  }),
  'session.logout': channel({
    summary: 'Sign out of this window.',
    request: z.object({}).strict(),
    response: sessionViewSchema,
    access: 'signedIn',
    whileLocked: true,
  }),
  'session.lock': channel({
    summary: 'Lock this window now (leaving the desk).',
    request: z.object({}).strict(),
    response: sessionViewSchema,
    access: 'signedIn',
  }),
  'session.unlock': channel({
    summary: 'Unlock with the signed-in user’s password.',
    request: z.object({ password: z.string().min(1).max(256) }).strict(),
    response: sessionViewSchema,
    access: 'signedIn',
    whileLocked: true,
  }),
  'session.changePassword': channel({
    summary: 'Change one’s own password.',
    request: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    response: z.object({ changed: z.literal(true) }),
    access: 'signedIn',
  }),
  'session.breakGlass': channel({
    summary: 'Emergency access to every chart for a limited time, with a written reason; flagged in the audit trail.',
    request: z.object({ reason: z.string().trim().min(15).max(1000) }).strict(),
    response: sessionViewSchema,
    access: BREAK_GLASS_ROLES,
  }),
  'session.recoverAccount': channel({
    summary: 'Reset a user’s password with the clinic recovery key (e.g. the only administrator forgot theirs).',
    request: z.object({ recoveryKey: recoveryKeySchema, username: z.string().trim().min(1).max(64), newPassword: passwordSchema }).strict(),
    response: z.object({ reset: z.literal(true) }),
    access: 'public',
  }),
} as const;
