import { useEffect, useRef } from 'react';

/** Focuses the referenced control whenever `active` turns true: for steps kept mounted while hidden. */
export function useFocusWhen<T extends { focus: () => void }>(active: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.focus();
  }, [active]);
  return ref;
}
