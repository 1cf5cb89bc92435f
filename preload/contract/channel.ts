import type { z } from 'zod';
import type { Access } from './roles.ts';

/**
 * One request/response channel: its payload schema, its response schema and
 * who may call it. Main validates both directions; the response schema also
 * strips any field a handler returned by mistake.
 */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly access: Access;
  /** Callable while the session is idle-locked (unlock, sign-out). */
  readonly whileLocked?: boolean;
  /** One line for the contract's reader. */
  readonly summary: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}
