import { useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../preload/contract/patients.ts';
import type { PatientSearch } from './usePatientSearch.ts';

export interface HitKeys {
  readonly activeIndex: number;
  readonly onKeyDown: (event: KeyboardEvent) => void;
}

/**
 * ↑/↓ move through the hits, Enter opens the highlighted one. Enter typed before
 * the debounced search caught up searches at once and opens the first hit of
 * that answer, never a stale row from the previous query.
 */
export function useHitKeys(search: PatientSearch, onOpen: (hit: SearchHit) => void): HitKeys {
  const { hits } = search;
  // Tied to the hits it was chosen among: new hits start again at the first.
  const [selection, setSelection] = useState({ hits, index: 0 });
  const activeIndex = selection.hits === hits ? Math.min(selection.index, Math.max(hits.length - 1, 0)) : 0;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelection({ hits, index: (activeIndex + step + hits.length) % hits.length });
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (search.answered === search.wanted) {
        const hit = hits[activeIndex];
        if (hit) onOpen(hit);
      } else {
        void search.searchNow().then((fresh) => fresh?.[0] && onOpen(fresh[0]));
      }
    }
  };

  return { activeIndex, onKeyDown };
}
