import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../../preload/contract/schedule.ts';
import { CallFailedNotice } from '../../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../../platform/useCall.ts';
import { formatAt } from '../format/chartDates.ts';

const STATUS_COLORS: Record<Appointment['status'], string | undefined> = {
  booked: 'blue',
  'checked-in': 'gold',
  'checked-out': 'green',
  cancelled: undefined,
  'no-show': 'red',
};

/** The patient's appointments, latest first, from the schedule. Test id: `chart-appointments`. */
export function PatientAppointments({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const appointments = useCall('schedule.appointments.forPatient', { patientId });
  if (appointments.error) return <CallFailedNotice error={appointments.error} onRetry={appointments.reload} />;
  return (
    <Table<Appointment>
      rowKey="id"
      size="small"
      loading={appointments.loading}
      dataSource={appointments.value ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('chart.appointments.none') }}
      data-testid="chart-appointments"
      columns={[
        { key: 'start', title: t('chart.appointments.start'), render: (_, appointment) => formatAt(appointment.start) },
        { key: 'provider', title: t('chart.encounters.provider'), render: (_, appointment) => appointment.provider.name },
        { key: 'room', title: t('chart.appointments.room'), render: (_, appointment) => appointment.room?.name ?? '—' },
        { key: 'reason', title: t('chart.appointments.reason'), render: (_, appointment) => appointment.reason || '—' },
        {
          key: 'status',
          title: t('chart.appointments.status'),
          render: (_, appointment) => <Tag color={STATUS_COLORS[appointment.status]}>{t(`chart.timeline.appointmentStatuses.${appointment.status}`)}</Tag>,
        },
      ]}
    />
  );
}
