import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { useSession } from '../../session/SessionContext.ts';
import { canReceive, canSchedule } from '../schedulePermissions.ts';
import { useAppointmentAction } from './useAppointmentAction.ts';

interface Props {
  appointment: Appointment;
  onChanged: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment) => void;
  onCancel: (appointment: Appointment) => void;
  size?: 'small' | 'middle';
}

/**
 * What can happen next to an appointment, for this role and status: a booked
 * one is checked in, moved, cancelled or (once started) marked a no-show; a
 * checked-in one is checked out. Test ids: `appointment-checkin`,
 * `appointment-checkout`, `appointment-noshow`, `appointment-reschedule`, `appointment-cancel`.
 */
export function AppointmentActions({ appointment, onChanged, onReschedule, onCancel, size = 'small' }: Props) {
  const { t } = useTranslation();
  const { role } = useSession();
  const { run, running } = useAppointmentAction(onChanged);
  const busy = running !== undefined;

  if (appointment.status === 'checked-in') {
    return (
      <Button size={size} type="primary" loading={running === 'checkOut'} disabled={busy} onClick={() => void run('checkOut', appointment)} data-testid="appointment-checkout">
        {t('schedule.actions.checkOut')}
      </Button>
    );
  }
  if (appointment.status !== 'booked') return null;
  const started = appointment.start <= Date.now();
  return (
    <Space size={4} wrap>
      {canReceive(role) && (
        <Button size={size} type="primary" loading={running === 'checkIn'} disabled={busy} onClick={() => void run('checkIn', appointment)} data-testid="appointment-checkin">
          {t('schedule.actions.checkIn')}
        </Button>
      )}
      {canSchedule(role) && (
        <>
          {started && (
            <Button size={size} loading={running === 'noShow'} disabled={busy} onClick={() => void run('noShow', appointment)} data-testid="appointment-noshow">
              {t('schedule.actions.noShow')}
            </Button>
          )}
          <Button size={size} disabled={busy} onClick={() => onReschedule(appointment)} data-testid="appointment-reschedule">
            {t('schedule.actions.reschedule')}
          </Button>
          <Button size={size} danger disabled={busy} onClick={() => onCancel(appointment)} data-testid="appointment-cancel">
            {t('schedule.actions.cancel')}
          </Button>
        </>
      )}
    </Space>
  );
}
