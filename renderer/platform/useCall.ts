import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, RequestOf, ResponseOf } from '../../preload/contract/index.ts';
import { call, toContractCallError, type ContractCallError } from './api.ts';

export interface CallState<T> {
  readonly value: T | undefined;
  readonly error: ContractCallError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Calls a channel when mounted and whenever the request changes; `reload` asks again. */
export function useCall<C extends ChannelName>(channel: C, request: RequestOf<C>): CallState<ResponseOf<C>> {
  // Compared by content so callers can pass an inline object literal.
  const requestKey = JSON.stringify(request);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<CallState<ResponseOf<C>>, 'reload'>>({ value: undefined, error: undefined, loading: true });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    call(channel, JSON.parse(requestKey) as RequestOf<C>).then(
      (value) => current && setState({ value, error: undefined, loading: false }),
      // A failed refresh must not keep showing the old answer as if it were current.
      (error: unknown) => current && setState({ value: undefined, error: toContractCallError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [channel, requestKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
