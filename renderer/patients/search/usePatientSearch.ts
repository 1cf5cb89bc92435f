import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import { call, toContractCallError, type ContractCallError } from '../../platform/api.ts';

const DEBOUNCE_MS = 150;
const LIMIT = 20;

interface Answer {
  readonly hits: readonly SearchHit[];
  /** The query these hits answer; it trails the typed query while a search is pending. */
  readonly answered: string | undefined;
  readonly error: ContractCallError | undefined;
  readonly loading: boolean;
}

export interface PatientSearch extends Answer {
  /** The trimmed query as typed. */
  readonly wanted: string;
  /** Searches for the typed query at once; resolves with its hits, or undefined if a newer search overtook it. */
  readonly searchNow: () => Promise<readonly SearchHit[] | undefined>;
}

/**
 * Search as you type, debounced; an empty query lists the recently seen.
 * Only the answer to the query as typed now is kept: a slow reply never replaces a newer one.
 * Searches afresh whenever `enabled` turns true (back on the list after registering someone).
 * `excludeId` leaves one patient out (the record a duplicate is merged into).
 */
export function usePatientSearch(query: string, enabled: boolean, excludeId?: string): PatientSearch {
  const wanted = query.trim();
  const [answer, setAnswer] = useState<Answer>({ hits: [], answered: undefined, error: undefined, loading: false });
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const run = useCallback(async (text: string) => {
    clearTimeout(timer.current);
    const ticket = ++generation.current;
    setAnswer((previous) => ({ ...previous, loading: true }));
    try {
      const found = await call('patients.search', { query: text, limit: LIMIT });
      const hits = found.filter((hit) => hit.id !== excludeId);
      if (ticket !== generation.current) return undefined;
      setAnswer({ hits, answered: text, error: undefined, loading: false });
      return hits;
    } catch (error) {
      if (ticket !== generation.current) return undefined;
      setAnswer({ hits: [], answered: text, error: toContractCallError(error), loading: false });
      return undefined;
    }
  }, [excludeId]);

  useEffect(() => {
    generation.current++; // a reply still due for an older query is no longer wanted
    if (!enabled) return;
    timer.current = setTimeout(() => void run(wanted), wanted ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer.current);
  }, [wanted, enabled, run]);

  const searchNow = useCallback(() => run(wanted), [run, wanted]);
  return { ...answer, wanted, searchNow };
}
