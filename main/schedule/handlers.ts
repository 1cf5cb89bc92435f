import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { ScheduleService } from './service.ts';

type ScheduleChannels = Extract<keyof Handlers, `schedule.${string}`>;

export function scheduleHandlers(schedule: ScheduleService): Pick<Handlers, ScheduleChannels> {
  return {
    'schedule.resources.list': ({ includeInactive }) => schedule.listResources(includeInactive),
    'schedule.resources.save': (resource, context) => schedule.saveResource(signedIn(context), resource),
    'schedule.appointments.list': (range) => schedule.list(range),
    'schedule.appointments.today': ({ resourceIds }) => schedule.today(resourceIds),
    'schedule.appointments.forPatient': ({ patientId }) => schedule.forPatient(patientId),
    'schedule.appointments.get': ({ id }) => schedule.get(id),
    'schedule.appointments.book': (booking, context) => schedule.book(signedIn(context), booking),
    'schedule.appointments.reschedule': (move, context) => schedule.reschedule(signedIn(context), move),
    'schedule.appointments.cancel': ({ id, reason }, context) => schedule.cancel(signedIn(context), id, reason),
    'schedule.appointments.checkIn': ({ id }, context) => schedule.setStatus(signedIn(context), id, 'checkIn'),
    'schedule.appointments.checkOut': ({ id }, context) => schedule.setStatus(signedIn(context), id, 'checkOut'),
    'schedule.appointments.noShow': ({ id }, context) => schedule.setStatus(signedIn(context), id, 'noShow'),
  };
}
