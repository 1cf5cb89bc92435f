import type { Appointment, AppointmentRange, Booking, Reschedule, ResourceSave, ScheduleResource } from '../../preload/contract/schedule.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import type { Session } from '../platform/sessions.ts';
import { uuidv7 } from '../store/ids.ts';
import type { MethodsProxy } from '../store/interface.ts';
import { scheduleFailure } from './errors.ts';
import type { StatusAction } from './transitions.ts';

/** How far back a booking may start: the front desk enters today's walk-ins after the fact, not last month's visits. */
const BOOKING_GRACE_MS = 24 * 60 * 60_000;

type ScheduleStore = MethodsProxy['schedule'];

/**
 * Providers, rooms and appointments. The store refuses double bookings and
 * disallowed status changes inside the transaction that writes; this service
 * adds the clock-based rules and the audit entries' actor.
 */
export class ScheduleService {
  readonly #vault: Vault;
  readonly #now: () => number;

  constructor(options: { vault: Vault; now?: () => number }) {
    this.#vault = options.vault;
    this.#now = options.now ?? Date.now;
  }

  listResources(includeInactive: boolean): Promise<ScheduleResource[]> {
    return this.#store.listResources(includeInactive);
  }

  saveResource(admin: Session, input: ResourceSave): Promise<ScheduleResource> {
    const { id, ...fields } = input;
    return this.#write((store) =>
      id === undefined
        ? store.createResource({ id: uuidv7(this.#now()), ...fields }, this.#audit(admin, 'record.create'))
        : store.updateResource({ id, ...fields }, this.#audit(admin, 'record.update')),
    );
  }

  list(range: AppointmentRange): Promise<Appointment[]> {
    return this.#store.listAppointments(range);
  }

  /** Today in the workstation's time zone, midnight to midnight (23 or 25 hours on a daylight-saving change). */
  today(resourceIds: string[] | undefined): Promise<Appointment[]> {
    const from = new Date(this.#now());
    from.setHours(0, 0, 0, 0);
    const to = new Date(from);
    to.setDate(to.getDate() + 1);
    return this.list({ from: from.getTime(), to: to.getTime(), resourceIds, includeCancelled: true });
  }

  forPatient(patientId: string): Promise<Appointment[]> {
    return this.#store.appointmentsOfPatient(patientId);
  }

  async get(id: string): Promise<Appointment> {
    const appointment = await this.#store.getAppointment(id);
    if (!appointment) throw new AppError('NOT_FOUND', 'No such appointment.', { details: { reason: 'appointment-not-found' } });
    return appointment;
  }

  book(session: Session, booking: Booking): Promise<Appointment> {
    this.#refusePast(booking.start);
    const id = uuidv7(this.#now());
    return this.#write((store) => store.book({ id, ...booking }, this.#audit(session, 'record.create')));
  }

  reschedule(session: Session, move: Reschedule): Promise<Appointment> {
    this.#refusePast(move.start);
    return this.#write((store) => store.reschedule(move, this.#audit(session, 'record.update')));
  }

  cancel(session: Session, id: string, reason: string): Promise<Appointment> {
    return this.#write((store) => store.setStatus(id, 'cancel', reason, this.#audit(session, 'record.update')));
  }

  setStatus(session: Session, id: string, action: Exclude<StatusAction, 'cancel'>): Promise<Appointment> {
    return this.#write((store) => store.setStatus(id, action, null, this.#audit(session, 'record.update')));
  }

  get #store(): ScheduleStore {
    return this.#vault.store.methods.schedule;
  }

  #audit(session: Session, action: 'record.create' | 'record.update'): AuditInput {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }

  #refusePast(start: number): void {
    if (start < this.#now() - BOOKING_GRACE_MS) throw fieldError('start', 'IN_PAST', 'The start is too far in the past.');
  }

  async #write<T>(work: (store: ScheduleStore) => Promise<T>): Promise<T> {
    try {
      return await work(this.#store);
    } catch (error) {
      throw scheduleFailure(error);
    }
  }
}
