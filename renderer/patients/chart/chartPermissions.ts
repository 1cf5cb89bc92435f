import { ALLERGY_RECORDERS, CHART_AUTHORS, VITALS_RECORDERS } from '../../../preload/contract/chart.ts';
import type { Role } from '../../../preload/contract/roles.ts';

// The contract's `access` lists, so the buttons shown match what main allows; main checks every call anyway.

/** Encounters, problems and medications. */
export function canAuthor(role: Role): boolean {
  return (CHART_AUTHORS as readonly Role[]).includes(role);
}

export function canRecordVitals(role: Role): boolean {
  return (VITALS_RECORDERS as readonly Role[]).includes(role);
}

export function canRecordAllergies(role: Role): boolean {
  return (ALLERGY_RECORDERS as readonly Role[]).includes(role);
}
