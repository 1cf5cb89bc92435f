import type { Patient, PatientInput } from '../../../preload/contract/patients.ts';

const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * Whether a correction touches what duplicates are found by (name, birth date,
 * phones, ID): only then is it checked again, so fixing an address does not
 * re-raise a warning the desk already settled.
 */
export function identityChanged(before: Patient, after: PatientInput): boolean {
  const phones = (list: readonly string[]) => list.map(digits).sort().join(',');
  const id = (identifier: PatientInput['identifier']) => (identifier ? `${identifier.type}:${identifier.value.toUpperCase()}` : '');
  return (
    before.fullName !== after.fullName.trim() ||
    before.birthDate !== after.birthDate ||
    phones(before.phones) !== phones(after.phones ?? []) ||
    id(before.identifier) !== id(after.identifier ?? null)
  );
}
