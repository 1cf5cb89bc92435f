import type { AppointmentStatus } from '../../preload/contract/schedule.ts';

/** What may happen to an appointment, from which statuses, and the status it leaves. */
export const ACTIONS = {
  reschedule: { from: ['booked'], to: 'booked' },
  checkIn: { from: ['booked'], to: 'checked-in' },
  checkOut: { from: ['checked-in'], to: 'checked-out' },
  cancel: { from: ['booked'], to: 'cancelled' },
  noShow: { from: ['booked'], to: 'no-show' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>;
export type AppointmentAction = keyof typeof ACTIONS;
export type StatusAction = Exclude<AppointmentAction, 'reschedule'>;

export function allowed(action: AppointmentAction, from: AppointmentStatus): boolean {
  return (ACTIONS[action].from as readonly AppointmentStatus[]).includes(from);
}

/** Statuses that keep their slot taken; a cancelled or no-show appointment frees it. */
export const HOLDS_SLOT: readonly AppointmentStatus[] = ['booked', 'checked-in', 'checked-out'];
