import { ALLERGY_RECORDERS, CHART_AUTHORS, VITALS_RECORDERS } from '../../../preload/contract/chart.ts';
import { IMAGE_VIEWERS } from '../../../preload/contract/imaging.ts';
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

/** Opening a linked study in the viewer (its series list is an image viewer's read). */
export function canViewImages(role: Role): boolean {
  return (IMAGE_VIEWERS as readonly Role[]).includes(role);
}
