import type { QueryModule } from '../store/interface.ts';
import { appointmentQueries } from './appointments.node.ts';
import { appointmentsInRange, appointmentsOfPatient, getAppointment } from './reads.node.ts';
import { resourceQueries } from './resources.node.ts';

/** The schedule's store methods: `store.methods.schedule.book(…)`. Reads are schedule data, not chart reads, and are not audited. */
export const scheduleQueries = {
  ...resourceQueries,
  ...appointmentQueries,
  getAppointment,
  listAppointments: appointmentsInRange,
  appointmentsOfPatient,
} satisfies QueryModule;
