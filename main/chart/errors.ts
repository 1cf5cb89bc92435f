import { AppError } from '../platform/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';

const notFound = (reason: string, message: string) => new AppError('NOT_FOUND', message, { details: { reason } });
const onField = (path: string, reason: string, message: string) => new AppError('VALIDATION', message, { fields: [{ path, code: reason, message }], details: { reason } });
const conflict = (reason: string, message: string) => new AppError('CONFLICT', message, { details: { reason } });

/**
 * A chart refusal from the store as the contract reports it: `details.reason` names it for the UI to
 * translate; messages never name a patient or quote chart text.
 */
export function chartFailure(error: unknown): unknown {
  if (!isStoreError(error)) return error;
  switch (error.details.reason) {
    case 'patient':
      return notFound('patient-not-found', 'No such patient.');
    case 'encounter':
      return notFound('encounter-not-found', 'No such visit note.');
    case 'vitals':
      return notFound('vitals-not-found', 'No such set of vital signs.');
    case 'problem':
      return notFound('problem-not-found', 'No such problem.');
    case 'allergy':
      return notFound('allergy-not-found', 'No such allergy.');
    case 'medication':
      return notFound('medication-not-found', 'No such medication.');
    case 'document':
      return notFound('document-not-found', 'No such document.');
    case 'document-encounter':
      return onField('document.encounterId', 'encounter-not-found', 'That visit is not in this patient’s chart.');
    case 'encounter-ref':
      return onField('vitals.encounterId', 'encounter-not-found', 'That visit is not in this patient’s chart.');
    case 'provider':
      return onField('encounter.providerId', 'provider-not-found', 'No such provider.');
    case 'appointment':
      return onField('encounter.appointmentId', 'appointment-not-found', 'That appointment is not this patient’s.');
    case 'signed':
      return conflict('signed', 'This visit note is signed and read-only; add an addendum instead.');
    case 'draft':
      return conflict('draft', 'Only a signed visit note takes addenda; edit the draft instead.');
    case 'not author':
      return new AppError('FORBIDDEN', 'Only the author of a draft may change, sign or discard it.', { details: { reason: 'not-author' } });
    case 'stale':
      return conflict('stale', 'This entry was changed by someone else since you opened it. Reload it and make your changes again.');
    case 'merged':
      return conflict('merged', 'This record was merged into another one.');
    default:
      return storeErrorToAppError(error);
  }
}
