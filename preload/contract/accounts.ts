import { z } from 'zod';
import { channel } from './channel.ts';
import { ADMIN_ONLY, ROLES } from './roles.ts';
import { displayNameSchema, passwordSchema, usernameSchema, userViewSchema } from './session.ts';

export const accountSchema = userViewSchema.extend({
  disabled: z.boolean(),
  createdAt: z.number(),
  /** Minutes left of a lockout after failed sign-ins, or null. */
  lockedMinutes: z.number().int().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

const userId = z.string().min(1).max(64);

export const accountChannels = {
  'accounts.list': channel({
    summary: 'Administrator: every staff account.',
    request: z.object({}).strict(),
    response: z.array(accountSchema),
    access: ADMIN_ONLY,
  }),
  'accounts.create': channel({
    summary: 'Administrator: add a staff account with an initial password.',
    request: z.object({ username: usernameSchema, displayName: displayNameSchema, role: z.enum(ROLES), password: passwordSchema }).strict(),
    response: accountSchema,
    access: ADMIN_ONLY,
  }),
  'accounts.update': channel({
    summary: 'Administrator: rename, change role, disable or re-enable an account.',
    request: z.object({ userId, displayName: displayNameSchema.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict(),
    response: accountSchema,
    access: ADMIN_ONLY,
  }),
  'accounts.resetPassword': channel({
    summary: 'Administrator: set a new password for an account and clear its lockout.',
    request: z.object({ userId, newPassword: passwordSchema }).strict(),
    response: accountSchema,
    access: ADMIN_ONLY,
  }),
} as const;
