import { AppError } from '../platform/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';

const IDENTIFIER_TAKEN = 'This ID is already registered to another patient.';

export function patientNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such patient.', { details: { reason: 'not-found' } });
}

/**
 * A patient-register refusal from the store as the contract reports it;
 * `details.reason` names it for the UI to translate. No message names a patient.
 */
export function patientFailure(error: unknown): unknown {
  if (!isStoreError(error)) return error;
  const reason = error.details.reason;
  if (error.code === 'NOT_FOUND') return patientNotFound();
  if (reason === 'duplicate') {
    return new AppError('CONFLICT', 'This patient may already be registered. Check the likely matches, then confirm it is a different person.', {
      details: { reason: 'duplicate', candidates: Number(error.details.candidates) },
    });
  }
  if (reason === 'stale') {
    return new AppError('CONFLICT', 'This record was changed by someone else since you opened it. Reload it and make your changes again.', { details: { reason: 'stale' } });
  }
  if (reason === 'merged') return new AppError('CONFLICT', 'This record was merged into another one.', { details: { reason: 'merged' } });
  if (reason === 'same record') return new AppError('VALIDATION', 'A record cannot be merged into itself.', { fields: [{ path: 'duplicateId', code: 'SAME_RECORD', message: 'A record cannot be merged into itself.' }] });
  if (reason === 'too-narrow') {
    const message = `Too few digits for the numbers already issued: at least ${Number(error.details.digits)}.`;
    return new AppError('VALIDATION', message, { fields: [{ path: 'width', code: 'TOO_NARROW', message }] });
  }
  if (reason === 'no-station-left') return new AppError('CONFLICT', 'Every station number (1–99) is in use.', { details: { reason: 'no-station-left' } });
  // The unique index is the last line of defence should the explicit check ever miss.
  if (reason === 'identifier taken' || (error.code === 'CONSTRAINT' && String(error.details.columns ?? '').includes('id_value'))) {
    return new AppError('VALIDATION', IDENTIFIER_TAKEN, { fields: [{ path: 'patient.identifier.value', code: 'TAKEN', message: IDENTIFIER_TAKEN }] });
  }
  return storeErrorToAppError(error);
}
