import { Empty, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { CallFailedNotice } from '../../frame/about/CallFailedNotice.tsx';
import { useCall } from '../../platform/useCall.ts';
import { useSession } from '../../session/SessionContext.ts';
import { AppointmentDrawer } from '../appointment/AppointmentDrawer.tsx';
import { CancelAppointmentModal } from '../appointment/CancelAppointmentModal.tsx';
import { BookingModal, type BookingRequest } from '../booking/BookingModal.tsx';
import { canSchedule } from '../schedulePermissions.ts';
import { useResources } from '../useResources.ts';
import { CalendarToolbar } from './CalendarToolbar.tsx';
import { gridColumns, viewRange, type CalendarView } from './gridColumns.ts';
import { TimeGrid } from './TimeGrid.tsx';

const DEFAULT_HOURS = { start: 7, end: 20 };
/** Enough columns side by side to stay readable; more can be chosen. */
const DEFAULT_DAY_COLUMNS = 6;

/** Day and week views of the schedule, booking from a free slot, details and actions from a block. */
export function CalendarPanel() {
  const { t } = useTranslation();
  const { role, user } = useSession();
  const resources = useResources();
  const [view, setView] = useState<CalendarView>('day');
  const [date, setDate] = useState(() => dayjs().startOf('day'));
  const [picked, setPicked] = useState<string[]>();
  const [booking, setBooking] = useState<BookingRequest>();
  const [opened, setOpened] = useState<Appointment>();
  const [cancelling, setCancelling] = useState<Appointment>();

  const all = useMemo(() => resources.value ?? [], [resources.value]);
  const providers = all.filter((resource) => resource.kind === 'provider');
  // A provider linked to the signed-in account starts with their own schedule.
  const own = providers.filter((resource) => resource.userId === user.id);
  // Until the user chooses, the day shows the providers and the week the first provider.
  const defaults = own.length > 0 ? own : view === 'day' ? providers.slice(0, DEFAULT_DAY_COLUMNS) : providers.slice(0, 1);
  const chosenIds = (picked ?? defaults.map((r) => r.id)).filter((id) => all.some((r) => r.id === id));
  const chosen = chosenIds.map((id) => all.find((r) => r.id === id)!);
  const shown = view === 'week' ? chosen.slice(0, 1) : chosen;
  const range = viewRange(view, date);
  const list = useCall('schedule.appointments.list', shown.length > 0 ? { ...range, resourceIds: shown.map((r) => r.id) } : range);
  const appointments = list.value ?? [];
  const columns = gridColumns(view, date, shown, t('schedule.calendar.weekDayFormat'));

  // Appointments outside the usual hours widen the grid rather than hide.
  const hours = { ...DEFAULT_HOURS };
  for (const a of appointments) {
    hours.start = Math.min(hours.start, dayjs(Math.max(a.start, range.from)).hour());
    hours.end = Math.max(hours.end, Math.min(24, dayjs(Math.min(a.end, range.to) - 1).hour() + 1));
  }

  const changed = (appointment: Appointment) => {
    setOpened((current) => (current?.id === appointment.id ? appointment : current));
    list.reload();
  };
  const bookable = canSchedule(role);

  return (
    <Flex vertical gap="middle">
      <CalendarToolbar
        view={view}
        onView={(next) => {
          setView(next);
          if (next === 'week') setPicked(chosenIds.slice(0, 1));
        }}
        date={date}
        onDate={setDate}
        resources={all}
        chosen={chosenIds}
        onChosen={setPicked}
        onReload={list.reload}
        loading={list.loading}
        onBook={bookable ? () => setBooking({ kind: 'book', start: { providerId: providers.find((p) => chosenIds.includes(p.id))?.id } }) : undefined}
      />
      <Typography.Text type="secondary">{t('schedule.calendar.keys')}</Typography.Text>
      {list.error && <CallFailedNotice error={list.error} onRetry={list.reload} />}
      {resources.error && <CallFailedNotice error={resources.error} onRetry={resources.reload} />}
      {columns.length === 0 ? (
        <Empty description={all.length === 0 ? t('schedule.calendar.noResources') : t('schedule.calendar.chooseResource')} />
      ) : (
        <TimeGrid
          label={t(view === 'day' ? 'schedule.calendar.dayLabel' : 'schedule.calendar.weekLabel', { date: date.format('YYYY-MM-DD') })}
          columns={columns}
          appointments={appointments}
          hours={hours}
          bookable={bookable}
          onSlot={(column, start) => {
            const resource = all.find((r) => r.id === column.resourceId);
            setBooking({ kind: 'book', start: resource?.kind === 'provider' ? { providerId: resource.id, start } : { roomId: resource?.id, start } });
          }}
          onOpen={setOpened}
        />
      )}
      <AppointmentDrawer
        appointment={opened}
        onClose={() => setOpened(undefined)}
        onChanged={changed}
        onReschedule={(appointment) => setBooking({ kind: 'reschedule', appointment })}
        onCancel={setCancelling}
      />
      <BookingModal
        request={booking}
        onClose={() => setBooking(undefined)}
        onSaved={(appointment) => {
          setBooking(undefined);
          changed(appointment);
        }}
      />
      <CancelAppointmentModal
        appointment={cancelling}
        onClose={() => setCancelling(undefined)}
        onCancelled={(appointment) => {
          setCancelling(undefined);
          changed(appointment);
        }}
      />
    </Flex>
  );
}
