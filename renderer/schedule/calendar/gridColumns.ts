import dayjs, { type Dayjs } from 'dayjs';
import type { Appointment, ScheduleResource } from '../../../preload/contract/schedule.ts';

/** One column of the time grid: a resource on a day. */
export interface GridColumn {
  key: string;
  title: string;
  /** Midnight of the column's day. */
  day: number;
  resourceId: string;
}

export type CalendarView = 'day' | 'week';

/** [from, to) of the view: the day, or the week (its first day as the language's calendar has it) around it. */
export function viewRange(view: CalendarView, date: Dayjs): { from: number; to: number } {
  const first = view === 'day' ? date.startOf('day') : date.startOf('week');
  return { from: first.valueOf(), to: first.add(view === 'day' ? 1 : 7, 'day').valueOf() };
}

/** Day view: a column per chosen resource. Week view: a column per day for one resource. */
export function gridColumns(view: CalendarView, date: Dayjs, resources: readonly ScheduleResource[], weekDayFormat: string): GridColumn[] {
  if (view === 'day') return resources.map((resource) => ({ key: resource.id, title: resource.name, day: date.startOf('day').valueOf(), resourceId: resource.id }));
  const resource = resources[0];
  if (!resource) return [];
  const first = date.startOf('week');
  return Array.from({ length: 7 }, (_, i) => {
    const day = first.add(i, 'day');
    return { key: day.format('YYYY-MM-DD'), title: day.format(weekDayFormat), day: day.valueOf(), resourceId: resource.id };
  });
}

/** The appointments a column shows: those of its resource (as provider or room) overlapping its day. */
export function inColumn(column: GridColumn, appointments: readonly Appointment[]): Appointment[] {
  const end = dayjs(column.day).add(1, 'day').valueOf();
  return appointments.filter(
    (a) => (a.provider.id === column.resourceId || a.room?.id === column.resourceId) && a.start < end && a.end > column.day && a.status !== 'cancelled',
  );
}
