/**
 * The contract between renderer and main: every channel the renderer may call,
 * with its payload and response schemas and the roles allowed. Main serves it
 * with one router; preload exposes it as `window.workstation`. Read the
 * per-capability files in this folder as the map of the app.
 */
import type { z } from 'zod';
import { accountChannels } from './accounts.ts';
import { analyticsChannels } from './analytics.ts';
import { appChannels } from './app.ts';
import { auditChannels } from './audit.ts';
import { chartChannels } from './chart.ts';
import { fhirChannels } from './fhir.ts';
import { imagingChannels } from './imaging.ts';
import { maintenanceChannels } from './maintenance.ts';
import { patientChannels } from './patients.ts';
import { scheduleChannels } from './schedule.ts';
import { sessionChannels } from './session.ts';
import { settingsChannels } from './settings.ts';
import { syncChannels } from './sync.ts';

export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...sessionChannels,
  ...accountChannels,
  ...auditChannels,
  ...maintenanceChannels,
  ...patientChannels,
  ...scheduleChannels,
  ...chartChannels,
  ...fhirChannels,
  ...imagingChannels,
  ...syncChannels,
  ...analyticsChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export * from './errors.ts';
export * from './events.ts';
export * from './roles.ts';
