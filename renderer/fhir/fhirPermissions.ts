import { FHIR_EXPORTERS, FHIR_IMPORTERS } from '../../preload/contract/fhir.ts';
import type { Role } from '../../preload/contract/roles.ts';

// The channels' own `access` lists; main checks every call anyway.
export function canExportFhir(role: Role): boolean {
  return (FHIR_EXPORTERS as readonly Role[]).includes(role);
}

export function canImportFhir(role: Role): boolean {
  return (FHIR_IMPORTERS as readonly Role[]).includes(role);
}
