import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  contract,
  isChannelName,
  type CallResult,
  type ChannelName,
  type ContractError,
  type FieldIssue,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../preload/contract/index.ts';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Session, SessionRegistry } from './sessions.ts';

/** The other end of a call: a window, a test page. Main decides this, never the renderer. */
export interface Caller {
  readonly connectionId: string;
}

export interface HandlerContext {
  readonly caller: Caller;
  /** Null only on public channels called before sign-in. */
  readonly session: Session | null;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  context: HandlerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** One handler per channel: the compiler refuses a contract channel without one. */
export type Handlers = { [C in ChannelName]: Handler<C> };

/**
 * Serves the contract: checks the channel, the caller's session and role, the
 * payload's schema; runs the handler; maps every failure to a typed error.
 */
export class Router {
  readonly #handlers: Handlers;
  readonly #sessions: SessionRegistry;
  readonly #log: Logger;

  constructor(options: { handlers: Handlers; sessions: SessionRegistry; logger: Logger }) {
    this.#handlers = options.handlers;
    this.#sessions = options.sessions;
    this.#log = options.logger;
  }

  async invoke(caller: Caller, channel: unknown, payload: unknown): Promise<CallResult<unknown>> {
    if (!isChannelName(channel)) return failure({ code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' });
    const spec = contract[channel];

    const session = this.#sessions.get(caller.connectionId);
    const denied = checkAccess(spec, session);
    if (denied) return failure(denied);

    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return failure({ code: 'VALIDATION', message: 'The request is not valid.', fields: toFieldIssues(parsed.error) });
    }
    if (session && spec.access !== 'public') this.#sessions.touch(session);

    try {
      const handler = this.#handlers[channel] as Handler<ChannelName>;
      const value = await handler(parsed.data as never, { caller, session });
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        const ref = randomUUID().slice(0, 8);
        this.#log.warn('response-schema-mismatch', { channel, ref, issues: checked.error.issues.length });
        return failure({ code: 'INTERNAL', message: `An internal error occurred (reference ${ref}).` });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error.toContractError());
      const ref = randomUUID().slice(0, 8);
      this.#log.error('handler-failed', error, { channel, ref });
      return failure({ code: 'INTERNAL', message: `An internal error occurred (reference ${ref}).` });
    }
  }
}

function checkAccess(spec: (typeof contract)[ChannelName], session: Session | null): ContractError | null {
  if (spec.access === 'public') return null;
  if (!session) return { code: 'UNAUTHENTICATED', message: 'Please sign in.' };
  if (session.state === 'locked' && !spec.whileLocked) return { code: 'SESSION_LOCKED', message: 'The workstation is locked.' };
  if (spec.access !== 'signedIn' && !spec.access.includes(session.role)) {
    return { code: 'FORBIDDEN', message: 'Your role does not allow this action.' };
  }
  return null;
}

function failure(error: ContractError): CallResult<never> {
  return { ok: false, error };
}

/** Zod issues as field issues; messages name the rule, never echo the value. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** The session of a call the router has already admitted as signed in. */
export function signedIn(context: HandlerContext): Session {
  if (!context.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return context.session;
}
