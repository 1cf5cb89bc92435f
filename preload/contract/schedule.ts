import { z } from 'zod';
import { channel } from './channel.ts';
import { ADMIN_ONLY, CLINICAL_ROLES, type Role } from './roles.ts';
import { text } from './text.ts';

/** Who books, moves, cancels and marks no-shows. */
const SCHEDULERS = ['admin', 'frontdesk'] as const satisfies readonly Role[];
/** Who receives a patient at the desk or the bedside. */
const RECEIVERS = ['admin', 'frontdesk', 'nurse'] as const satisfies readonly Role[];


const id = z.string().min(1).max(64);

/** Epoch milliseconds on a whole minute: slots are planned in minutes, and sub-minute edges would make near-misses look like overlaps. */
const instant = z.number().int().nonnegative().multipleOf(60_000, 'Times are whole minutes');

export const MIN_APPOINTMENT_MS = 5 * 60_000;
export const MAX_APPOINTMENT_MS = 8 * 60 * 60_000;
/** Longest list range: a six-week month view. */
export const MAX_RANGE_MS = 42 * 24 * 60 * 60_000;

export const RESOURCE_KINDS = ['provider', 'room', 'modality'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** booked → checked-in → checked-out; a booked appointment may instead be cancelled or marked no-show. */
export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'checked-out', 'cancelled', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const scheduleResourceSchema = z.object({
  id: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  /** The staff account of a provider who works here; null for rooms, modalities and external providers. */
  userId: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.number(),
});
export type ScheduleResource = z.infer<typeof scheduleResourceSchema>;

export const resourceInputSchema = z
  .object({
    /** Absent to create; present to update (the kind never changes). */
    id: id.optional(),
    kind: z.enum(RESOURCE_KINDS),
    name: text(100).min(1),
    userId: id.nullable().default(null),
    /** False deactivates: the resource stays on past appointments but takes no new ones. */
    active: z.boolean().default(true),
  })
  .strict()
  .refine((resource) => resource.userId === null || resource.kind === 'provider', { path: ['userId'], message: 'Only a provider is linked to a staff account' });
export type ResourceInput = z.input<typeof resourceInputSchema>;
export type ResourceSave = z.output<typeof resourceInputSchema>;

const resourceRefSchema = scheduleResourceSchema.pick({ id: true, kind: true, name: true });

export const appointmentSchema = z.object({
  id: z.string(),
  /** Enough to recognise the patient on a schedule; the chart itself is a separate, audited read. */
  patient: z.object({ id: z.string(), mrn: z.string(), fullName: z.string() }),
  provider: resourceRefSchema,
  /** A room or modality, if one is booked. */
  room: resourceRefSchema.nullable(),
  start: z.number(),
  end: z.number(),
  reason: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  cancelReason: z.string().nullable(),
  checkedInAt: z.number().nullable(),
  checkedOutAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** Start and end of a slot, with the duration rules reported on `end`. */
function checkSlot(slot: { start: number; end: number }, context: z.RefinementCtx): void {
  const duration = slot.end - slot.start;
  if (duration <= 0) context.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start', params: { reason: 'endBeforeStart' } });
  else if (duration < MIN_APPOINTMENT_MS) context.addIssue({ code: 'custom', path: ['end'], message: 'An appointment lasts at least 5 minutes', params: { reason: 'tooShort' } });
  else if (duration > MAX_APPOINTMENT_MS) context.addIssue({ code: 'custom', path: ['end'], message: 'An appointment lasts at most 8 hours', params: { reason: 'tooLong' } });
}

export const bookingSchema = z
  .object({
    patientId: id,
    providerId: id,
    /** A room or modality (CT, DR, US…), or none. */
    roomId: id.nullable().default(null),
    start: instant,
    end: instant,
    reason: text(500).default(''),
  })
  .strict()
  .superRefine(checkSlot);
export type BookingInput = z.input<typeof bookingSchema>;
export type Booking = z.output<typeof bookingSchema>;

export const rescheduleSchema = z
  .object({
    id,
    start: instant,
    end: instant,
    /** Absent: keep the current provider. */
    providerId: id.optional(),
    /** Absent: keep the current room; null: release it. */
    roomId: id.nullable().optional(),
  })
  .strict()
  .superRefine(checkSlot);
export type Reschedule = z.output<typeof rescheduleSchema>;

const rangeSchema = z
  .object({
    /** [from, to): every appointment overlapping it. */
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    /** Only these providers, rooms and modalities; absent for all. */
    resourceIds: z.array(id).min(1).max(50).optional(),
    includeCancelled: z.boolean().default(false),
  })
  .strict()
  .superRefine((range, context) => {
    if (range.to <= range.from) context.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
    else if (range.to - range.from > MAX_RANGE_MS) context.addIssue({ code: 'custom', path: ['to'], message: 'At most six weeks at a time' });
  });
export type AppointmentRange = z.output<typeof rangeSchema>;

const byId = z.object({ id }).strict();
const appointments = z.array(appointmentSchema);

export const scheduleChannels = {
  'schedule.resources.list': channel({
    summary: 'Providers, rooms and modalities, by kind and name; inactive ones only when asked.',
    request: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    response: z.array(scheduleResourceSchema),
    access: CLINICAL_ROLES,
  }),
  'schedule.resources.save': channel({
    summary: 'Administrator: add a provider, room or modality, rename it, or (de)activate it.',
    request: resourceInputSchema,
    response: scheduleResourceSchema,
    access: ADMIN_ONLY,
  }),
  'schedule.appointments.list': channel({
    summary: 'Day and week views: appointments overlapping [from, to), for some resources or all, by start.',
    request: rangeSchema,
    response: appointments,
    access: CLINICAL_ROLES,
  }),
  'schedule.appointments.today': channel({
    summary: 'The front desk’s list for today (workstation time), by start, every status included.',
    request: z.object({ resourceIds: z.array(id).min(1).max(50).optional() }).strict(),
    response: appointments,
    access: CLINICAL_ROLES,
  }),
  'schedule.appointments.forPatient': channel({
    summary: 'A patient’s appointments, latest first.',
    request: z.object({ patientId: id }).strict(),
    response: appointments,
    access: CLINICAL_ROLES,
  }),
  'schedule.appointments.get': channel({
    summary: 'One appointment, e.g. the one a booking conflicted with.',
    request: byId,
    response: appointmentSchema,
    access: CLINICAL_ROLES,
  }),
  'schedule.appointments.book': channel({
    summary: 'Book a provider, and optionally a room or modality; refused if either is already booked then.',
    request: bookingSchema,
    response: appointmentSchema,
    access: SCHEDULERS,
  }),
  'schedule.appointments.reschedule': channel({
    summary: 'Move a booked appointment, or change its resources; refused if the new slot is taken.',
    request: rescheduleSchema,
    response: appointmentSchema,
    access: SCHEDULERS,
  }),
  'schedule.appointments.cancel': channel({
    summary: 'Cancel a booked appointment, with a reason; its slot becomes free.',
    request: z.object({ id, reason: text(500).min(1) }).strict(),
    response: appointmentSchema,
    access: SCHEDULERS,
  }),
  'schedule.appointments.checkIn': channel({
    summary: 'The patient has arrived.',
    request: byId,
    response: appointmentSchema,
    access: RECEIVERS,
  }),
  'schedule.appointments.checkOut': channel({
    summary: 'The visit is over.',
    request: byId,
    response: appointmentSchema,
    access: CLINICAL_ROLES,
  }),
  'schedule.appointments.noShow': channel({
    summary: 'The patient did not come; only once the appointment has started. Frees the slot.',
    request: byId,
    response: appointmentSchema,
    access: SCHEDULERS,
  }),
} as const;
