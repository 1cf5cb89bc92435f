import { StoreError, type StoreErrorDetails } from '../store/errors.ts';

/**
 * Why the store refused a schedule change. The queries raise these inside the
 * worker; errors.ts turns them into contract errors in main.
 */
export type Refusal =
  | 'patient-not-found'
  | 'appointment-not-found'
  | 'resource-not-found'
  | 'resource-inactive'
  | 'wrong-kind'
  | 'double-booked'
  | 'transition'
  | 'not-started'
  | 'name-taken'
  | 'user-taken'
  | 'user-not-provider'
  | 'kind-change'
  | 'has-bookings';

export function refuse(code: 'NOT_FOUND' | 'CONFLICT', reason: Refusal, details: StoreErrorDetails = {}): StoreError {
  return new StoreError(code, { ...details, reason });
}
