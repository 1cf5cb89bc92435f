import { z } from 'zod';
import { channel } from './channel.ts';
import { ADMIN_ONLY } from './roles.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const THEMES = ['light', 'dark'] as const;
export const VIEWER_LAYOUTS = ['1x1', '1x2', '2x2'] as const;

/** Per-workstation look and feel; anyone at the desk may change these, even before sign-in. */
export const preferencesSchema = z.object({
  language: z.enum(LANGUAGES),
  /** Theme of the general screens; the imaging section is always dark. */
  theme: z.enum(THEMES),
  viewerLayout: z.enum(VIEWER_LAYOUTS),
  navCollapsed: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

const url = z.url({ protocol: /^https?$/ }).max(2048);

/** Workstation policy and server addresses; secrets never live here (they are in the encrypted store). */
export const policySchema = z.object({
  idleLockMinutes: z.number().int().min(1).max(240),
  endpoints: z.object({
    pacsUrl: url.nullable(),
    storageEndpoint: url.nullable(),
  }),
});
export type Policy = z.infer<typeof policySchema>;

export const settingsSchema = z.object({ preferences: preferencesSchema, policy: policySchema });
export type Settings = z.infer<typeof settingsSchema>;

export const settingsChannels = {
  'settings.get': channel({
    summary: 'Current preferences and policy.',
    request: z.object({}).strict(),
    response: settingsSchema,
    access: 'public',
  }),
  'settings.setPreferences': channel({
    summary: 'Change language, theme or layout; returns the saved settings.',
    request: preferencesSchema.partial().strict(),
    response: settingsSchema,
    access: 'public',
  }),
  'settings.setPolicy': channel({
    summary: 'Administrator: change idle lock and server addresses.',
    request: z
      .object({ idleLockMinutes: policySchema.shape.idleLockMinutes, endpoints: policySchema.shape.endpoints.partial().strict() })
      .partial()
      .strict(),
    response: settingsSchema,
    access: ADMIN_ONLY,
  }),
} as const;
