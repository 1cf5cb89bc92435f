import { ReloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentStatus } from '../../../preload/contract/schedule.ts';
import { rowTestId } from '../../admin/rowTestId.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { openPatient } from '../../patients/patientRoute.ts';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { AppointmentActions } from '../appointment/AppointmentActions.tsx';
import { CancelAppointmentModal } from '../appointment/CancelAppointmentModal.tsx';
import { timeRange } from '../appointmentTime.ts';
import { BookingModal, type BookingRequest } from '../booking/BookingModal.tsx';
import { canSchedule } from '../schedulePermissions.ts';
import { StatusTag } from '../StatusTag.tsx';
import { useResources } from '../useResources.ts';

/** Other desks book and check in too: the list refreshes itself this often. */
const REFRESH_MS = 30_000;
const COUNTED: readonly AppointmentStatus[] = ['booked', 'checked-in', 'checked-out', 'no-show', 'cancelled'];

/**
 * The front desk's day: every appointment of today by start, all statuses,
 * optionally for some providers or rooms, with the next step for each. Test
 * ids: `today-list`, rows `today-row-<mrn>` (with `data-status`), `today-refresh`,
 * `today-book`, `today-filter`.
 */
export function TodayList() {
  const { t } = useTranslation();
  const { role, user } = useSession();
  const resources = useResources();
  const [picked, setPicked] = useState<string[]>();
  // A provider linked to the signed-in account starts with their own patients; the desk with everyone's.
  const own = (resources.value ?? []).filter((resource) => resource.userId === user.id).map((resource) => resource.id);
  const resourceIds = picked ?? own;
  const today = useCall('schedule.appointments.today', resourceIds.length > 0 ? { resourceIds } : {});
  const [booking, setBooking] = useState<BookingRequest>();
  const [cancelling, setCancelling] = useState<Appointment>();
  const { reload } = today;

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const rows = today.value ?? [];
  const columns: TableColumnsType<Appointment> = [
    { key: 'time', title: t('schedule.columns.time'), width: 130, render: (_, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{timeRange(a.start, a.end)}</span> },
    {
      key: 'patient',
      title: t('schedule.columns.patient'),
      render: (_, a) => (
        <Space size={4} orientation="vertical">
          <Typography.Link onClick={() => openPatient(a.patient.id)} strong>
            {a.patient.fullName}
          </Typography.Link>
          <Typography.Text type="secondary">{a.patient.mrn}</Typography.Text>
        </Space>
      ),
    },
    { key: 'provider', title: t('schedule.columns.provider'), render: (_, a) => a.provider.name },
    { key: 'room', title: t('schedule.columns.room'), render: (_, a) => a.room?.name ?? '' },
    { key: 'reason', title: t('schedule.columns.reason'), ellipsis: true, render: (_, a) => (a.status === 'cancelled' ? a.cancelReason : a.reason) },
    {
      key: 'status',
      title: t('schedule.columns.status'),
      render: (_, a) => (
        <Space size={4} orientation="vertical">
          <StatusTag status={a.status} />
          {a.checkedInAt && <Typography.Text type="secondary">{t('schedule.today.arrived', { time: dayjs(a.checkedInAt).format('HH:mm') })}</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('schedule.columns.actions'),
      render: (_, a) => (
        <AppointmentActions appointment={a} onChanged={reload} onReschedule={(appointment) => setBooking({ kind: 'reschedule', appointment })} onCancel={setCancelling} />
      ),
    },
  ];

  return (
    <Flex vertical gap="middle" data-testid="today-list">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Space wrap>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {t('schedule.today.title', { date: dayjs().format('YYYY-MM-DD dddd') })}
          </Typography.Title>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder={t('schedule.today.allResources')}
            value={resourceIds}
            onChange={setPicked}
            options={(resources.value ?? []).map((resource) => ({ value: resource.id, label: resource.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('schedule.today.filter')}
            data-testid="today-filter"
          />
        </Space>
        <Space>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={today.loading} data-testid="today-refresh">
            {t('schedule.refresh')}
          </Button>
          {canSchedule(role) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setBooking({ kind: 'book', start: {} })} data-testid="today-book">
              {t('schedule.booking.open')}
            </Button>
          )}
        </Space>
      </Flex>
      <Flex gap="large" wrap aria-live="polite">
        {COUNTED.map((status) => (
          <Statistic key={status} title={t(`schedule.statuses.${status}`)} value={rows.filter((a) => a.status === status).length} data-testid={`today-count-${status}`} />
        ))}
      </Flex>
      {today.error && <CallFailedNotice error={today.error} onRetry={reload} />}
      <Table<Appointment>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={today.loading && !today.value}
        pagination={false}
        locale={{ emptyText: t('schedule.today.empty') }}
        onRow={(a) => ({ ...rowTestId(`today-row-${a.patient.mrn}`), 'data-status': a.status } as ReturnType<typeof rowTestId>)}
        rowClassName={(a) => (a.status === 'cancelled' || a.status === 'no-show' ? 'appointment-inactive' : '')}
      />
      <BookingModal request={booking} onClose={() => setBooking(undefined)} onSaved={() => (setBooking(undefined), reload())} />
      <CancelAppointmentModal appointment={cancelling} onClose={() => setCancelling(undefined)} onCancelled={() => (setCancelling(undefined), reload())} />
    </Flex>
  );
}
