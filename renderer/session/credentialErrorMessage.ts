import type { TFunction } from 'i18next';
import { toContractCallError } from '../platform/api.ts';
import { errorMessage } from '../platform/errorMessage.ts';

// Field codes by which main rejects a typed secret, as opposed to a malformed request.
const REJECTED_SECRET = new Set(['WRONG_PASSWORD', 'WRONG_RECOVERY_KEY', 'INVALID_RECOVERY_KEY']);

/**
 * For forms that check a secret (sign-in, unlock, current password, recovery key):
 * a rejected secret gets the form's own wording, a lockout says for how long.
 */
export function credentialErrorMessage(t: TFunction, error: unknown, rejected: string): string {
  const failure = toContractCallError(error);
  if (failure.code === 'UNAUTHENTICATED' || failure.fields.some((issue) => REJECTED_SECRET.has(issue.code))) return rejected;
  const minutes = failure.details['minutes'];
  if (failure.code === 'RATE_LIMITED' && typeof minutes === 'number') return t('session.lockedFor', { minutes });
  return errorMessage(t, failure);
}
