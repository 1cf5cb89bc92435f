import type { Appointment as FhirAppointment, AppointmentParticipant, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { PlanContext } from './context.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import { RESOURCE_KINDS, type AppointmentStatus, type ResourceKind } from '../../../preload/contract/schedule.ts';
import type { PlannedAppointment } from '../import-plan.ts';
import { EXTENSIONS, SYSTEMS } from '../systems.ts';
import { fromInstant } from '../time.ts';
import { skip } from './entries.ts';

const STATUS: Partial<Record<NonNullable<FhirAppointment['status']>, AppointmentStatus>> = {
  proposed: 'booked',
  pending: 'booked',
  booked: 'booked',
  arrived: 'checked-in',
  'checked-in': 'checked-in',
  fulfilled: 'checked-out',
  cancelled: 'cancelled',
  noshow: 'no-show',
};

const KIND_BY_TYPE: Record<string, ResourceKind> = { PPRF: 'provider', SPRF: 'provider', ATND: 'provider', PRF: 'provider', CON: 'provider', LOC: 'room', DEV: 'modality' };
const KIND_BY_RESOURCE: Partial<Record<Resource['resourceType'], ResourceKind>> = { Practitioner: 'provider', PractitionerRole: 'provider', Location: 'room', Device: 'modality', HealthcareService: 'room' };
const MAX_NAME = 100;

/** A participant's schedule kind: this product's extension, the participation type, or the kind of resource it refers to. */
function kindOf(participant: AppointmentParticipant, referenced: Resource | undefined): ResourceKind | null {
  const own = participant.extension?.find((extension) => extension.url === EXTENSIONS.resourceKind)?.valueCode;
  if (own && (RESOURCE_KINDS as readonly string[]).includes(own)) return own as ResourceKind;
  for (const type of participant.type ?? []) {
    for (const coding of type.coding ?? []) if (coding.system === SYSTEMS.participationType && coding.code && KIND_BY_TYPE[coding.code]) return KIND_BY_TYPE[coding.code]!;
  }
  return referenced ? (KIND_BY_RESOURCE[referenced.resourceType] ?? null) : null;
}

function nameOf(participant: AppointmentParticipant, referenced: Resource | undefined): string | undefined {
  if (participant.actor?.display) return participant.actor.display;
  switch (referenced?.resourceType) {
    case 'Practitioner':
      return referenced.name?.[0]?.text ?? [referenced.name?.[0]?.family, ...(referenced.name?.[0]?.given ?? [])].filter(Boolean).join(' ');
    case 'Location':
    case 'HealthcareService':
      return referenced.name;
    case 'Device':
      return referenced.deviceName?.[0]?.name;
    default:
      return undefined;
  }
}

/** Printable one-line text of at most `max` characters, else undefined. */
function line(text: string | undefined, max: number): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed.length <= max && !/\p{Cc}/u.test(trimmed) ? trimmed : undefined;
}

export function planAppointment(entry: BundleEntry<FhirAppointment>, index: number, context: PlanContext): PlannedAppointment | ImportEntry {
  const resource = entry.resource!;
  const type = 'Appointment';
  if (!resource.participant?.some((participant) => context.isPatient(participant.actor))) return skip(index, type, 'not-for-patient', 'The appointment is not for the bundle’s patient.', '/participant');
  const status = STATUS[resource.status!];
  if (!status) return skip(index, type, 'unsupported-code', 'The appointment status has no equivalent in the schedule.', '/status');
  const start = fromInstant(resource.start);
  const end = fromInstant(resource.end);
  if (start === null || end === null) return skip(index, type, 'missing-field', 'The appointment has no start and end time.', start === null ? '/start' : '/end');
  if (end <= start) return skip(index, type, 'invalid-value', 'The appointment ends before it starts.', '/end');

  const resources: PlannedAppointment['resources'] = [];
  for (const participant of resource.participant) {
    if (context.isPatient(participant.actor)) continue;
    const referenced = context.resolve(participant.actor)?.resource;
    const kind = kindOf(participant, referenced);
    const name = line(nameOf(participant, referenced), MAX_NAME);
    if (!kind || !name) continue;
    if (kind === 'provider' ? resources.some((r) => r.kind === 'provider') : resources.some((r) => r.kind !== 'provider')) continue;
    resources.push({ kind, name });
  }
  const provider = resources.find((r) => r.kind === 'provider');
  if (!provider) return skip(index, type, 'missing-field', 'The appointment names no provider.', '/participant');

  const reason = line(resource.reasonCode?.[0]?.text ?? resource.reasonCode?.[0]?.coding?.[0]?.display ?? resource.description, 500) ?? '';
  const cancelReason = status === 'cancelled' ? (line(resource.cancelationReason?.text ?? resource.cancelationReason?.coding?.[0]?.display, 500) ?? '—') : null;
  const at = (url: string) => fromInstant(resource.extension?.find((extension) => extension.url === url)?.valueDateTime);
  return {
    index,
    parts: [],
    id: context.idAt(index),
    status,
    start,
    end,
    reason,
    cancelReason,
    checkedInAt: at(EXTENSIONS.checkedInAt),
    checkedOutAt: at(EXTENSIONS.checkedOutAt),
    createdAt: fromInstant(resource.created),
    resources: [provider, ...resources.filter((r) => r.kind !== 'provider')],
  };
}
