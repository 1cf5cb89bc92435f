import type { TFunction } from 'i18next';
import type { ContractCallError } from '../../../platform/api.ts';

/** The refusals main names in `details.reason` for chart writes, each with its own message. */
const REASONS = ['stale', 'signed', 'draft', 'not-author', 'merged', 'patient-not-found', 'encounter-not-found', 'too-large', 'unsupported-type'] as const;

/** A failed chart call, for the form's alert: the specific refusal if main named one, else the error code's text. */
export function failureText(t: TFunction, error: ContractCallError): string {
  const reason = error.details.reason;
  if (typeof reason === 'string' && (REASONS as readonly string[]).includes(reason)) return t(`chart.failures.${reason as (typeof REASONS)[number]}`);
  if (error.code === 'VALIDATION') return t('chart.failures.validation');
  return t(`errors.${error.code}`);
}
