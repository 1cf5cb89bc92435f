import { keyringErrorToAppError } from '../keys/app-error.ts';
import { KeyringError } from '../keys/errors.ts';
import { AppError } from '../platform/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';

/** Store and keyring failures as the contract reports them; anything else stays unexpected. */
export function toAppError(error: unknown): unknown {
  if (error instanceof KeyringError) return keyringErrorToAppError(error);
  if (isStoreError(error)) return storeErrorToAppError(error);
  return error;
}

export async function contractFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function storeLocked(): AppError {
  return new AppError('UNAVAILABLE', 'The record store is locked. Sign in first.');
}
