import type { Patient } from '../../preload/contract/patients.ts';

export type Sex = Patient['sex'];
export type IdType = NonNullable<Patient['identifier']>['type'];
export type AllergyState = Patient['allergies'];

/** A contract enum's values in display order, from a record the compiler checks is complete (zod's own lists stay out of the bundle). */
function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

export const SEXES = valuesOf<Sex>({ female: true, male: true, other: true, unknown: true });
export const ID_TYPES = valuesOf<IdType>({ 'cn-resident': true, passport: true, other: true });
export const ALLERGY_STATES = valuesOf<AllergyState>({ unknown: true, none: true, has: true });
