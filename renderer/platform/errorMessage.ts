import type { TFunction } from 'i18next';
import { toContractCallError } from './api.ts';

/** The user-facing text for a failure: translated from its code, never from main's English message. */
export function errorMessage(t: TFunction, error: unknown): string {
  return t(`errors.${toContractCallError(error).code}`);
}
