import { useCallback, useEffect, useState } from 'react';
import type { Patient } from '../../../preload/contract/patients.ts';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';

interface State {
  readonly patient: Patient | undefined;
  readonly error: ContractCallError | undefined;
  readonly loading: boolean;
}

export interface PatientRecord extends State {
  readonly reload: () => void;
  /** Takes the record a save or merge returned, sparing another (audited) read. */
  readonly replace: (patient: Patient) => void;
}

/** One patient's demographics, read when the id changes or on reload. */
export function usePatient(id: string): PatientRecord {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ patient: undefined, error: undefined, loading: true });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    call('patients.get', { id }).then(
      (patient) => current && setState({ patient, error: undefined, loading: false }),
      (error: unknown) => current && setState({ patient: undefined, error: toContractCallError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [id, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((patient: Patient) => setState({ patient, error: undefined, loading: false }), []);
  return { ...state, reload, replace };
}
