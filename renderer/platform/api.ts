/**
 * The renderer's only way to main: typed calls and events over `window.workstation`.
 * Every failure surfaces as a ContractCallError so screens handle one shape.
 */
import type {
  ChannelName,
  ContractError,
  ErrorCode,
  EventName,
  EventPayload,
  FieldIssue,
  RequestOf,
  ResponseOf,
} from '../../preload/contract/index.ts';

export class ContractCallError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldIssue[];
  readonly details: Readonly<NonNullable<ContractError['details']>>;

  constructor(error: ContractError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.fields = error.fields ?? [];
    this.details = error.details ?? {};
  }
}

/** Anything thrown is shown to the user by code only, so unknown throws become INTERNAL. */
export function toContractCallError(error: unknown): ContractCallError {
  if (error instanceof ContractCallError) return error;
  return new ContractCallError({ code: 'INTERNAL', message: 'Unexpected error.' }, { cause: error });
}

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const api = window.workstation;
  if (!api) throw new ContractCallError({ code: 'UNAVAILABLE', message: 'The workstation bridge is missing.' });
  let result;
  try {
    result = await api.invoke(channel, request);
  } catch (cause) {
    // The transport itself failed (main gone, IPC torn down): not a contract answer.
    throw new ContractCallError({ code: 'UNAVAILABLE', message: 'The workstation did not answer.' }, { cause });
  }
  if (result.ok) return result.value;
  throw new ContractCallError(result.error);
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.workstation?.on(event, listener) ?? (() => {});
}
