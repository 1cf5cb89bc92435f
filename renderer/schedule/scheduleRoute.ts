import { useLocationHash } from '../frame/useHashSection.ts';

export const SCHEDULE_TABS = ['today', 'calendar', 'resources'] as const;
export type ScheduleTab = (typeof SCHEDULE_TABS)[number];

/** `#/schedule` and `#/schedule/today` show today's list, `#/schedule/calendar` the day and week views, `#/schedule/resources` the resources. */
export function useScheduleTab(): ScheduleTab {
  const segment = useLocationHash().replace(/^#\/?/, '').split('/')[1];
  return SCHEDULE_TABS.find((tab) => tab === segment) ?? 'today';
}

export function openScheduleTab(tab: ScheduleTab): void {
  window.location.hash = `#/schedule/${tab}`;
}
