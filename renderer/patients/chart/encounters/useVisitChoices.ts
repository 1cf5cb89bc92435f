import { useEffect, useState } from 'react';
import type { Appointment, ScheduleResource } from '../../../../preload/contract/schedule.ts';
import { call } from '../../../platform/api.ts';

export interface VisitChoices {
  providers: ScheduleResource[];
  /** The patient's appointments a visit may fulfil (not cancelled), latest first. */
  appointments: Appointment[];
}

/** What an encounter's provider and appointment selects offer; empty lists if either read fails (both are optional). */
export function useVisitChoices(patientId: string): VisitChoices {
  const [choices, setChoices] = useState<VisitChoices>({ providers: [], appointments: [] });
  useEffect(() => {
    let current = true;
    Promise.all([
      call('schedule.resources.list', { includeInactive: false }).catch(() => []),
      call('schedule.appointments.forPatient', { patientId }).catch(() => []),
    ]).then(([resources, appointments]) => {
      if (current) {
        setChoices({
          providers: resources.filter((resource) => resource.kind === 'provider'),
          appointments: appointments.filter((appointment) => appointment.status !== 'cancelled'),
        });
      }
    });
    return () => {
      current = false;
    };
  }, [patientId]);
  return choices;
}
