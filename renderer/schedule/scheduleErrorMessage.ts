import type { TFunction } from 'i18next';
import { toContractCallError } from '../platform/api.ts';
import { errorMessage } from '../platform/errorMessage.ts';

const REASONS = ['transition', 'not-started', 'appointment-not-found', 'patient-not-found', 'resource-inactive', 'resource-not-found', 'wrong-kind', 'has-bookings', 'name-taken', 'user-taken', 'user-not-provider', 'double-booked'] as const;
type Reason = (typeof REASONS)[number];

const isReason = (reason: unknown): reason is Reason => REASONS.includes(reason as Reason);

/** A schedule refusal in words: main's `details.reason` when it names one, else the error code's text. */
export function scheduleErrorMessage(t: TFunction, error: unknown): string {
  const failure = toContractCallError(error);
  const reason = failure.details.reason ?? failure.fields[0]?.code;
  if (isReason(reason)) return t(`schedule.errors.${reason}`, { upcoming: Number(failure.details.upcoming ?? 0) });
  if (failure.fields.some((field) => field.code === 'IN_PAST')) return t('schedule.errors.inPast');
  return errorMessage(t, failure);
}
