import { useEffect, useState } from 'react';
import { useSession } from '../SessionContext.ts';

// setTimeout's longest delay; a later end re-arms the timer when it fires.
const MAX_DELAY = 2 ** 31 - 1;

/** The end of emergency access while it is in force, else null; turns null by itself when the time passes. */
export function useBreakGlassActive(): number | null {
  const { breakGlassUntil } = useSession();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const remaining = breakGlassUntil === null ? 0 : breakGlassUntil - Date.now();
    if (remaining <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(remaining + 50, MAX_DELAY));
    return () => clearTimeout(timer);
  }, [breakGlassUntil, tick]);
  return breakGlassUntil !== null && breakGlassUntil > Date.now() ? breakGlassUntil : null;
}
