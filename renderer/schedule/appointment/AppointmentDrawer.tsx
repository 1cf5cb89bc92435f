import { Button, Descriptions, Drawer, Flex } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { openPatient } from '../../patients/patientRoute.ts';
import { dateTimeRange } from '../appointmentTime.ts';
import { StatusTag } from '../StatusTag.tsx';
import { AppointmentActions } from './AppointmentActions.tsx';

interface Props {
  appointment: Appointment | undefined;
  onClose: () => void;
  onChanged: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment) => void;
  onCancel: (appointment: Appointment) => void;
}

const at = (time: number | null) => (time === null ? '—' : dayjs(time).format('YYYY-MM-DD HH:mm'));

/** An appointment's details beside the calendar, with what can happen next. Test id: `appointment-drawer`. */
export function AppointmentDrawer({ appointment, onClose, onChanged, onReschedule, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer open={appointment !== undefined} onClose={onClose} title={t('schedule.details.title')} size={460} data-testid="appointment-drawer">
      {appointment && (
        <Flex vertical gap="middle">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'patient', label: t('schedule.columns.patient'), children: `${appointment.patient.fullName} · ${appointment.patient.mrn}` },
              { key: 'time', label: t('schedule.columns.time'), children: dateTimeRange(appointment.start, appointment.end) },
              { key: 'provider', label: t('schedule.columns.provider'), children: appointment.provider.name },
              { key: 'room', label: t('schedule.columns.room'), children: appointment.room?.name ?? '—' },
              { key: 'reason', label: t('schedule.columns.reason'), children: appointment.reason || '—' },
              { key: 'status', label: t('schedule.columns.status'), children: <StatusTag status={appointment.status} /> },
              ...(appointment.cancelReason ? [{ key: 'cancel', label: t('schedule.details.cancelReason'), children: appointment.cancelReason }] : []),
              { key: 'in', label: t('schedule.details.checkedInAt'), children: at(appointment.checkedInAt) },
              { key: 'out', label: t('schedule.details.checkedOutAt'), children: at(appointment.checkedOutAt) },
            ]}
          />
          <AppointmentActions appointment={appointment} onChanged={onChanged} onReschedule={onReschedule} onCancel={onCancel} size="middle" />
          <Button onClick={() => openPatient(appointment.patient.id)} data-testid="appointment-open-patient">
            {t('schedule.details.openPatient')}
          </Button>
        </Flex>
      )}
    </Drawer>
  );
}
