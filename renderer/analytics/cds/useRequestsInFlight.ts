import { useEffect, useState } from 'react';
import type { CdsRequestStatus } from '../../../preload/contract/analytics.ts';
import { call } from '../../platform/api.ts';

/** Between two looks at a pending call: soon after its next attempt, never busier than this, never slower than that. */
const MIN_POLL_MS = 1_500;
const MAX_POLL_MS = 30_000;

/**
 * A patient's CDS requests as the sync worker moves them on: while any is pending, their status (no card
 * content, no audited chart read) is read again shortly after its next attempt is due; `onAnswered` runs when
 * one of them is answered or given up, so the cards are read again.
 */
export function useRequestsInFlight(patientId: string, initial: readonly CdsRequestStatus[] | undefined, onAnswered: () => void): readonly CdsRequestStatus[] {
  const [requests, setRequests] = useState<readonly CdsRequestStatus[]>(initial ?? []);
  useEffect(() => setRequests(initial ?? []), [initial]);

  const pending = requests.filter((request) => request.status === 'pending');
  const nextAttempt = Math.min(...pending.map((request) => request.nextAttemptAt ?? Date.now()));
  const pendingKey = pending.map((request) => `${request.id}:${request.attempts}`).join(',');

  useEffect(() => {
    if (!pendingKey) return;
    let current = true;
    const wait = Math.min(Math.max(nextAttempt - Date.now() + MIN_POLL_MS, MIN_POLL_MS), MAX_POLL_MS);
    const timer = setTimeout(() => {
      call('analytics.cds.status', { patientId }).then(
        (next) => {
          if (!current) return;
          const stillPending = new Set(next.filter((request) => request.status === 'pending').map((request) => request.id));
          setRequests(next);
          if (pendingKey.split(',').some((entry) => !stillPending.has(entry.split(':')[0]!))) onAnswered();
        },
        // A failed look (locked session, store busy) is tried again at the next change.
        () => undefined,
      );
    }, wait);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [patientId, pendingKey, nextAttempt, onAnswered]);

  return requests;
}
