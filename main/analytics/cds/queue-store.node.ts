import type Database from '@signalapp/sqlcipher';
import { writeTransaction } from '../../store/write-transaction.node.ts';
import type { CdsQueueStore } from './dispatch.ts';
import { callFailed, callSucceeded, dueCalls, markCircuitOpen } from './requests.node.ts';

/** The CDS queue on the sync worker's own store connection: each step one write transaction, as the store worker's methods are. */
export function cdsQueueStore(db: Database): CdsQueueStore {
  return {
    // A write transaction for the read too: the credential and the row are read consistently with main's writes.
    due: (now, dueBy, limit) => writeTransaction(db, () => dueCalls(db, now, dueBy, limit)),
    succeeded: (call, cards, now) => writeTransaction(db, () => callSucceeded(db, call, cards, now)),
    failed: (call, error, retryAt, now) => writeTransaction(db, () => callFailed(db, call, error, retryAt, now)),
    markCircuitOpen: (now) => writeTransaction(db, () => markCircuitOpen(db, now)),
  };
}
