import { z } from 'zod';
import { channel } from './channel.ts';
import { ADMIN_ONLY } from './roles.ts';

const cancelled = z.object({ cancelled: z.literal(true) });

export const maintenanceChannels = {
  'backup.create': channel({
    summary: 'Administrator: write an encrypted backup to a file chosen in a save dialog.',
    request: z.object({}).strict(),
    response: z.union([cancelled, z.object({ cancelled: z.literal(false), fileName: z.string(), bytes: z.number().int(), createdAt: z.number() })]),
    access: ADMIN_ONLY,
  }),
  'backup.restore': channel({
    summary: 'Administrator: replace the record store with a checked backup chosen in an open dialog; everyone signs in again.',
    request: z.object({}).strict(),
    response: z.union([cancelled, z.object({ cancelled: z.literal(false), fileName: z.string(), schemaVersion: z.number().int() })]),
    access: ADMIN_ONLY,
  }),
} as const;
