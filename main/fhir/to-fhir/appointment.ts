import type { Appointment as FhirAppointment, AppointmentParticipant, Extension } from '@medplum/fhirtypes';
import type { Appointment, AppointmentStatus, ResourceKind } from '../../../preload/contract/schedule.ts';
import { EXTENSIONS, SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

export const APPOINTMENT_STATUS = {
  booked: 'booked',
  'checked-in': 'arrived',
  'checked-out': 'fulfilled',
  cancelled: 'cancelled',
  'no-show': 'noshow',
} as const satisfies Record<AppointmentStatus, FhirAppointment['status']>;

/** v3 ParticipationType: the primary performer, the location, the device. */
export const PARTICIPANT_TYPE = { provider: 'PPRF', room: 'LOC', modality: 'DEV' } as const satisfies Record<ResourceKind, string>;

function resourceParticipant(resource: Appointment['provider']): AppointmentParticipant {
  return {
    extension: [{ url: EXTENSIONS.resourceKind, valueCode: resource.kind }],
    type: [{ coding: [{ system: SYSTEMS.participationType, code: PARTICIPANT_TYPE[resource.kind] }] }],
    actor: { display: resource.name },
    required: 'required',
    status: 'accepted',
  };
}

export function appointmentResource(appointment: Appointment): FhirAppointment {
  const extension: Extension[] = [];
  if (appointment.checkedInAt !== null) extension.push({ url: EXTENSIONS.checkedInAt, valueDateTime: toInstant(appointment.checkedInAt) });
  if (appointment.checkedOutAt !== null) extension.push({ url: EXTENSIONS.checkedOutAt, valueDateTime: toInstant(appointment.checkedOutAt) });
  return {
    resourceType: 'Appointment',
    id: appointment.id,
    meta: { lastUpdated: toInstant(appointment.updatedAt) },
    ...(extension.length ? { extension } : {}),
    status: APPOINTMENT_STATUS[appointment.status],
    ...(appointment.cancelReason ? { cancelationReason: { text: appointment.cancelReason } } : {}),
    ...(appointment.reason ? { reasonCode: [{ text: appointment.reason }] } : {}),
    start: toInstant(appointment.start),
    end: toInstant(appointment.end),
    created: toInstant(appointment.createdAt),
    participant: [
      { actor: reference(appointment.patient.id), required: 'required', status: 'accepted' },
      resourceParticipant(appointment.provider),
      ...(appointment.room ? [resourceParticipant(appointment.room)] : []),
    ],
  };
}
