import { z } from 'zod';
import { channel } from './channel.ts';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  platform: z.string(),
  arch: z.string(),
  /** Whether a clinic has been set up in this data folder yet (drives the first-run wizard). */
  initialized: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const HEALTH_STATUS = ['ok', 'degraded', 'failed'] as const;
export const healthCheckSchema = z.object({
  name: z.string(),
  status: z.enum(HEALTH_STATUS),
  /** Non-identifying detail for IT, e.g. "12.4 GiB free". */
  detail: z.string(),
});
export const healthSchema = z.object({
  status: z.enum(HEALTH_STATUS),
  checks: z.array(healthCheckSchema),
});
export type Health = z.infer<typeof healthSchema>;
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const appChannels = {
  'app.info': channel({
    summary: 'Product name, version and runtime, for the About box and support.',
    request: z.object({}).strict(),
    response: appInfoSchema,
    access: 'public',
  }),
  'app.health': channel({
    summary: 'Self-checks of the data folder, disk space and services.',
    request: z.object({}).strict(),
    response: healthSchema,
    access: 'public',
  }),
} as const;
