import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { call } from '../../platform/api.ts';
import { scheduleErrorMessage } from '../scheduleErrorMessage.ts';

export type StatusAction = 'checkIn' | 'checkOut' | 'noShow';

const CHANNELS = { checkIn: 'schedule.appointments.checkIn', checkOut: 'schedule.appointments.checkOut', noShow: 'schedule.appointments.noShow' } as const;

/** Check-in, check-out and no-show: one call each, the outcome announced, the updated appointment handed on. */
export function useAppointmentAction(onChanged: (appointment: Appointment) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [running, setRunning] = useState<StatusAction>();

  const run = useCallback(
    async (action: StatusAction, appointment: Appointment) => {
      setRunning(action);
      try {
        const updated = await call(CHANNELS[action], { id: appointment.id });
        void message.success(t(`schedule.actions.done.${action}`, { name: appointment.patient.fullName }));
        onChanged(updated);
      } catch (error) {
        void message.error(scheduleErrorMessage(t, error));
      } finally {
        setRunning(undefined);
      }
    },
    [message, onChanged, t],
  );
  return { run, running };
}
