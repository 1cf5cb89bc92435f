import type { ErrorCode } from '../../preload/contract/index.ts';
import { AppError } from '../platform/errors.ts';
import type { StoreError, StoreErrorCode } from './errors.ts';

const CONTRACT_CODES: Partial<Record<StoreErrorCode, ErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  CONSTRAINT: 'CONFLICT',
  BUSY: 'UNAVAILABLE',
  WRONG_KEY: 'UNAVAILABLE',
  DB_MISSING: 'UNAVAILABLE',
  DB_TOO_NEW: 'UNAVAILABLE',
  MIGRATION_FAILED: 'UNAVAILABLE',
  NOT_OPEN: 'UNAVAILABLE',
  CORRUPT: 'UNAVAILABLE',
  IO: 'UNAVAILABLE',
  WORKER_EXITED: 'UNAVAILABLE',
  BACKUP_CORRUPT: 'VALIDATION',
  BACKUP_FOREIGN: 'VALIDATION',
  BACKUP_TOO_NEW: 'VALIDATION',
};

/** A store failure as the contract reports it; `details.reason` keeps the store's code for the UI and support. */
export function storeErrorToAppError(error: StoreError): AppError {
  return new AppError(CONTRACT_CODES[error.code] ?? 'INTERNAL', error.message, { details: { reason: error.code }, cause: error });
}
