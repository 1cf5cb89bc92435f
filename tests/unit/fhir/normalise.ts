import type { Bundle, Patient } from '@medplum/fhirtypes';

/**
 * A bundle without what may differ between two stores holding the same
 * chart: when it was exported, when each record was last written there
 * (`meta.lastUpdated`), and the MRN, which each clinic issues itself (its
 * system is the store's identity). Every id, reference, code, value, text and
 * recorded time must be equal.
 */
export function normalised(bundle: Bundle): unknown {
  const copy = structuredClone(bundle);
  delete copy.timestamp;
  for (const entry of copy.entry ?? []) {
    const resource = entry.resource!;
    delete resource.meta;
    if (resource.resourceType === 'Patient') {
      (resource as Patient).identifier = (resource as Patient).identifier?.filter((identifier) => !identifier.type?.coding?.some((coding) => coding.code === 'MR'));
    }
  }
  return copy;
}
