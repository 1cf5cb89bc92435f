import type { Role } from '../../preload/contract/roles.ts';

// Mirrors the `access` of the patients channels (preload/contract/patients.ts); main checks every call anyway.
const REGISTRARS: readonly Role[] = ['admin', 'frontdesk'];

/** Register and edit demographics. */
export function canRegister(role: Role): boolean {
  return REGISTRARS.includes(role);
}

export function canMerge(role: Role): boolean {
  return role === 'admin';
}

/** The record number format (`patients.mrnFormat.*`). */
export function canSetRecordNumbers(role: Role): boolean {
  return role === 'admin';
}
