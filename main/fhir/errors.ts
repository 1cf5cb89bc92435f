import type { FieldIssue } from '../../preload/contract/errors.ts';
import { AppError } from '../platform/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';

export function chartNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such patient.', { details: { reason: 'not-found' } });
}

/** A file refused before anything was written; the issues point into the bundle and never quote it. */
export function bundleRefused(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', 'The file is not a FHIR R4 bundle this workstation can import. Nothing was imported.', {
    fields: issues,
    details: { reason: issues[0]?.code ?? 'SCHEMA' },
  });
}

/** A store refusal of an import, as the contract reports it. */
export function importFailure(error: unknown): unknown {
  if (!isStoreError(error)) return error;
  if (error.details.reason === 'ambiguous-match') {
    return new AppError('CONFLICT', 'The bundle’s MRN and ID belong to two different patients here. Merge or correct them first; nothing was imported.', {
      details: { reason: 'ambiguous-match' },
    });
  }
  return storeErrorToAppError(error);
}
