import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../preload/contract/sync.ts';
import { call, onEvent, toContractCallError, type ContractCallError } from '../platform/api.ts';

/** The sync status, re-read whenever the worker reports a change (at most every half second). */
export function useSyncStatus(): { status: SyncStatus | undefined; error: ContractCallError | undefined; reload: () => void } {
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<ContractCallError>();
  const reload = useCallback(() => {
    call('sync.status', {})
      .then((next) => {
        setStatus(next);
        setError(undefined);
      })
      .catch((failure: unknown) => setError(toContractCallError(failure)));
  }, []);
  useEffect(() => {
    reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent('sync.changed', () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, 500);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);
  return { status, error, reload };
}
