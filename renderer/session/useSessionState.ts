import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../preload/contract/session.ts';
import { call, onEvent, toContractCallError, type ContractCallError } from '../platform/api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: ContractCallError }
  /** `setup` stays true from first seeing an uninitialised clinic until the wizard finishes, though main initialises half-way. */
  | { status: 'ready'; setup: boolean; view: SessionView };

const SIGNED_OUT: Pick<SessionView, 'state' | 'user' | 'breakGlassUntil'> = { state: 'signedOut', user: null, breakGlassUntil: null };

/** Main's view of this window's session, kept current on `session.changed`. */
export function useSessionState() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // Only the newest read or answer counts: an older read must not bring back a state already left.
  const generation = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++generation.current;
    try {
      const [info, view] = await Promise.all([call('app.info', {}), call('session.get', {})]);
      if (ticket !== generation.current) return;
      setState((previous) => ({ status: 'ready', setup: !info.initialized || (previous.status === 'ready' && previous.setup), view }));
    } catch (error) {
      if (ticket !== generation.current) return;
      setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed', error: toContractCallError(error) }));
    }
  }, []);

  const update = useCallback((view: SessionView) => {
    generation.current++;
    setState((previous) => (previous.status === 'ready' ? { ...previous, view } : previous));
  }, []);

  const finishSetup = useCallback(() => {
    setState((previous) => (previous.status === 'ready' ? { ...previous, setup: false } : previous));
    void load();
  }, [load]);

  useEffect(() => {
    void load();
    return onEvent('session.changed', ({ state: next }) => {
      // Hide patient screens at once on lock or sign-out, even before (or if) the re-read answers.
      if (next !== 'active') {
        setState((previous) =>
          previous.status === 'ready' ? { ...previous, view: { ...previous.view, ...(next === 'locked' ? { state: next } : SIGNED_OUT) } } : previous,
        );
      }
      void load();
    });
  }, [load]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  return { state, update, finishSetup, retry };
}
