import type { BundleEntry, Reference, Resource } from '@medplum/fhirtypes';
import { uuidv7 } from '../../store/ids.ts';
import { referencesTo, uuidOf } from './entries.ts';

export interface Target {
  index: number;
  resource: Resource;
  /** The id the entry's row gets: its own UUID, or a new one. */
  id: string;
}

/** What every entry's mapping needs to know about the rest of the bundle. */
export interface PlanContext {
  /** Every way the bundle refers to its patient. */
  patientRefs: Set<string>;
  /** The entry a reference points at, if it is in the bundle. */
  resolve(reference: Reference | undefined): Target | undefined;
  isPatient(reference: Reference | undefined): boolean;
  /** The id the entry at `index` gets. */
  idAt(index: number): string;
}

export function planContext(entries: readonly BundleEntry<Resource>[], patientIndex: number): PlanContext {
  const targets = new Map<string, Target>();
  const ids = entries.map((entry) => uuidOf(entry) ?? uuidv7());
  entries.forEach((entry, index) => {
    if (!entry.resource) return;
    const target = { index, resource: entry.resource, id: ids[index]! };
    for (const ref of referencesTo(entry)) targets.set(ref, target);
  });
  const patientRefs = referencesTo(entries[patientIndex]!);
  return {
    patientRefs,
    resolve: (reference) => (reference?.reference ? targets.get(reference.reference) : undefined),
    isPatient: (reference) => reference?.reference !== undefined && patientRefs.has(reference.reference),
    idAt: (index) => ids[index]!,
  };
}
