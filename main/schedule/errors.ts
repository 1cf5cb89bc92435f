import { AppError } from '../platform/errors.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { isStoreError } from '../store/errors.ts';
import type { Refusal } from './refusals.ts';
import type { AppointmentAction } from './transitions.ts';

const NEEDS: Record<AppointmentAction, string> = {
  reschedule: 'Only a booked appointment can be rescheduled',
  checkIn: 'Only a booked appointment can be checked in',
  checkOut: 'Only a checked-in appointment can be checked out',
  cancel: 'Only a booked appointment can be cancelled',
  noShow: 'Only a booked appointment can be marked as a no-show',
};

const onField = (code: AppError['code'], path: string, reason: Refusal, message: string) =>
  new AppError(code, message, { fields: [{ path, code: reason, message }], details: { reason } });

/**
 * A schedule refusal from the store as the contract reports it: `details.reason`
 * names the refusal for the UI to translate, messages name no patient.
 */
export function scheduleFailure(error: unknown): unknown {
  if (!isStoreError(error)) return error;
  const { reason, field: path = '', ...facts } = error.details;
  switch (reason as Refusal) {
    case 'patient-not-found':
      return onField('NOT_FOUND', 'patientId', 'patient-not-found', 'No such patient.');
    case 'appointment-not-found':
      return new AppError('NOT_FOUND', 'No such appointment.', { details: { reason: 'appointment-not-found' } });
    case 'resource-not-found':
      return onField('NOT_FOUND', String(path), 'resource-not-found', 'No such provider, room or modality.');
    case 'wrong-kind':
      return onField('VALIDATION', String(path), 'wrong-kind', path === 'providerId' ? 'Choose a provider here.' : 'Choose a room or modality here.');
    case 'resource-inactive':
      return onField('VALIDATION', String(path), 'resource-inactive', 'This resource is no longer in use.');
    case 'double-booked':
      return new AppError('CONFLICT', `That time overlaps another appointment of ${path === 'providerId' ? 'this provider' : 'this room or modality'}.`, {
        details: { reason: 'double-booked', field: path, ...facts },
      });
    case 'transition':
      return new AppError('CONFLICT', `${NEEDS[facts.action as AppointmentAction]} (this one is ${String(facts.from)}).`, { details: { reason: 'transition', ...facts } });
    case 'not-started':
      return new AppError('CONFLICT', 'An appointment can be marked as a no-show only once it has started.', { details: { reason: 'not-started' } });
    case 'name-taken':
      return onField('CONFLICT', 'name', 'name-taken', 'Another resource of this kind has that name.');
    case 'user-taken':
      return onField('CONFLICT', 'userId', 'user-taken', 'That account is already linked to another provider.');
    case 'user-not-provider':
      return onField('VALIDATION', 'userId', 'user-not-provider', 'Link a physician’s or radiologist’s account.');
    case 'kind-change':
      return onField('VALIDATION', 'kind', 'kind-change', 'A resource’s kind cannot change; add a new one instead.');
    case 'has-bookings':
      return new AppError('CONFLICT', `${String(facts.upcoming)} upcoming appointments are booked on this resource; move or cancel them first.`, {
        details: { reason: 'has-bookings', ...facts },
      });
    default:
      return storeErrorToAppError(error);
  }
}
