import { z } from 'zod';

/** Events main pushes to the renderer. Payloads are validated in main before sending. */
export const events = {
  /** Progress of a long job (import, backup, sync round, clustering). */
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    phase: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  }),
  /** The session changed (signed in, locked, unlocked, signed out): the renderer re-reads it. */
  'session.changed': z.object({ state: z.enum(['signedOut', 'active', 'locked']) }),
  /** Settings changed (possibly from another window or the CLI). */
  'settings.changed': z.object({}),
  /** Background sync moved on (state, transfer, round finished, error): the Sync screen re-reads `sync.status`. */
  'sync.changed': z.object({
    state: z.enum(['stopped', 'idle', 'syncing', 'paused', 'outsideWindow']),
    transfer: z.object({ direction: z.enum(['push', 'pull']), object: z.number(), bytes: z.number() }).nullable(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
