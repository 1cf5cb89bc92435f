import { AppError } from '../platform/errors.ts';
import { patientFailure } from '../patients/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';

export function studyNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such study.', { details: { reason: 'not-found' } });
}

const CONFLICTS: Readonly<Record<string, string>> = {
  mismatch: 'The name, sex or birth date in the images differs from the chart. Check them, then confirm the link.',
  merged: 'This record was merged into another one.',
  'already linked': 'This study is already linked to a chart.',
  signed: 'This report is signed and can no longer be changed; add an addendum instead.',
  stale: 'Someone else changed this report since you opened it. Reload it and make your changes again.',
  'not signed': 'Addenda are added to signed reports only.',
};

/** An imaging refusal from the store as the contract reports it; `details.reason` names it for the UI. No message names a patient. */
export function imagingFailure(error: unknown): unknown {
  if (!isStoreError(error)) return error;
  const reason = String(error.details.reason ?? '');
  if (reason === 'instance not in study') {
    return new AppError('VALIDATION', 'A measurement refers to an image outside this study.', { fields: [{ path: 'annotations', code: 'FOREIGN_INSTANCE', message: 'A measurement refers to an image outside this study.' }] });
  }
  if (reason === 'empty impression') {
    return new AppError('VALIDATION', 'Write the impression before signing.', { fields: [{ path: 'impression', code: 'REQUIRED', message: 'Write the impression before signing.' }] });
  }
  if (reason === 'patient not found') return new AppError('NOT_FOUND', 'No such patient.', { details: { reason: 'patient-not-found' } });
  if (reason === 'no report') return new AppError('NOT_FOUND', 'This study has no report yet.', { details: { reason: 'no-report' } });
  if (reason in CONFLICTS) {
    return new AppError('CONFLICT', CONFLICTS[reason]!, { details: { reason, ...(error.details.fields ? { fields: String(error.details.fields) } : {}) } });
  }
  if (reason === 'duplicate' || reason === 'identifier taken' || (error.code === 'CONSTRAINT' && String(error.details.columns ?? '').includes('id_value'))) return patientFailure(error);
  if (error.code === 'NOT_FOUND') return studyNotFound();
  return storeErrorToAppError(error);
}
