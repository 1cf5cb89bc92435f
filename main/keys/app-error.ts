import type { ErrorCode } from '../../preload/contract/index.ts';
import { AppError } from '../platform/errors.ts';
import type { KeyringError, KeyringErrorCode } from './errors.ts';

const CONTRACT_CODES: Partial<Record<KeyringErrorCode, ErrorCode>> = {
  WRONG_CREDENTIALS: 'UNAUTHENTICATED',
  LOCKED_OUT: 'RATE_LIMITED',
  ACCOUNT_DISABLED: 'FORBIDDEN',
  WRONG_RECOVERY_KEY: 'VALIDATION',
  INVALID_RECOVERY_KEY: 'VALIDATION',
  UNKNOWN_USER: 'NOT_FOUND',
  ROTATION_PENDING: 'CONFLICT',
  KEYRING_MISSING: 'UNAVAILABLE',
  KEYRING_CORRUPT: 'UNAVAILABLE',
  KEYRING_TAMPERED: 'UNAVAILABLE',
  KEYRING_PROTECTED: 'UNAVAILABLE',
};

/** A keyring failure as the contract reports it, with the lockout's minutes for the sign-in screen. */
export function keyringErrorToAppError(error: KeyringError): AppError {
  const code = CONTRACT_CODES[error.code] ?? 'INTERNAL';
  const recovery = error.code === 'WRONG_RECOVERY_KEY' || error.code === 'INVALID_RECOVERY_KEY';
  return new AppError(code, error.message, {
    details: { reason: error.code, ...error.details },
    ...(recovery ? { fields: [{ path: 'recoveryKey', code: error.code, message: error.message }] } : {}),
    cause: error,
  });
}
