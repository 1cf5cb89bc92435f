import type { Role } from '../../preload/contract/roles.ts';

// Mirrors the `access` of the schedule channels (preload/contract/schedule.ts); main checks every call anyway.

/** Book, reschedule, cancel and mark no-shows. */
export function canSchedule(role: Role): boolean {
  return role === 'admin' || role === 'frontdesk';
}

/** Check a patient in. */
export function canReceive(role: Role): boolean {
  return role === 'admin' || role === 'frontdesk' || role === 'nurse';
}

/** Add, rename and retire providers, rooms and modalities. */
export function canManageResources(role: Role): boolean {
  return role === 'admin';
}
