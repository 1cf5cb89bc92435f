import type { TFunction } from 'i18next';
import { toContractCallError } from '../../platform/api.ts';
import { errorMessage } from '../../platform/errorMessage.ts';

/** Changing an account conflicts only when it would leave the clinic without an active administrator. */
export function accountErrorMessage(t: TFunction, error: unknown): string {
  const failure = toContractCallError(error);
  return failure.code === 'CONFLICT' ? t('admin.users.lastAdmin') : errorMessage(t, failure);
}
