import { useLocationHash } from '../frame/useHashSection.ts';

/** `#/patients` searches, `#/patients/new` registers, `#/patients/import` imports a CSV list, `#/patients/<id>` shows one patient. */
export type PatientRoute = { kind: 'search' } | { kind: 'register' } | { kind: 'import' } | { kind: 'view'; id: string };

function parse(hash: string): PatientRoute {
  const segment = hash.replace(/^#\/?/, '').split('/')[1];
  if (!segment) return { kind: 'search' };
  if (segment === 'new') return { kind: 'register' };
  if (segment === 'import') return { kind: 'import' };
  return { kind: 'view', id: decodeURIComponent(segment) };
}

export function usePatientRoute(): PatientRoute {
  return parse(useLocationHash());
}

export function patientHref(id: string): string {
  return `#/patients/${encodeURIComponent(id)}`;
}

export function openPatient(id: string): void {
  window.location.hash = patientHref(id);
}

export function openRegistration(): void {
  window.location.hash = '#/patients/new';
}

export function openPatientImport(): void {
  window.location.hash = '#/patients/import';
}

export function openPatientSearch(): void {
  window.location.hash = '#/patients';
}
