import type { AllergyIntolerance, BundleEntry } from '@medplum/fhirtypes';
import { ALLERGY_SEVERITIES, ALLERGY_STATUSES, allergyInputSchema, type AllergyFields } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import type { PlannedEntry } from '../import-plan.ts';
import { SYSTEMS } from '../systems.ts';
import { fromInstant } from '../time.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { codeIn, conceptText, dateOnly, named, notesText } from './values.ts';

const POINTERS: Record<string, string> = { substance: '/code', reaction: '/reaction/0/manifestation', onset: '/onsetDateTime', note: '/note' };

/** SNOMED CT "no known allergy" and its kin: a statement about the patient, not an allergy to list. */
const NO_KNOWN_ALLERGY = new Set(['716186003', '409137002', '428607008', '429625007']);

export function planAllergy(entry: BundleEntry<AllergyIntolerance>, index: number, context: PlanContext): PlannedEntry<AllergyFields> | ImportEntry {
  const resource = entry.resource!;
  const type = 'AllergyIntolerance';
  if (!context.isPatient(resource.patient)) return skip(index, type, 'not-for-patient', 'The allergy is not the bundle’s patient’s.', '/patient');
  if (codeIn(resource.verificationStatus, SYSTEMS.allergyVerification) === 'entered-in-error') return skip(index, type, 'unsupported-code', 'The allergy was entered in error.', '/verificationStatus');
  if (resource.code?.coding?.some((coding) => coding.system === SYSTEMS.snomed && NO_KNOWN_ALLERGY.has(coding.code ?? ''))) {
    return skip(index, type, 'unsupported-code', 'A “no known allergy” statement is not an allergy; set the patient’s allergy flag instead.', '/code');
  }
  const substance = conceptText(resource.code);
  if (!substance) return skip(index, type, 'missing-field', 'The allergy names no substance.', '/code');
  const reaction = resource.reaction?.[0];
  const status = codeIn(resource.clinicalStatus, SYSTEMS.allergyClinical);
  const parsed = allergyInputSchema.safeParse({
    substance,
    reaction: (reaction?.manifestation ?? []).map(conceptText).filter(Boolean).join('，'),
    severity: (ALLERGY_SEVERITIES as readonly string[]).includes(reaction?.severity ?? '') ? reaction!.severity : 'unknown',
    status: (ALLERGY_STATUSES as readonly string[]).includes(status ?? '') ? status : 'active',
    onset: dateOnly(resource.onsetDateTime),
    note: notesText(resource.note),
  });
  if (!parsed.success) return invalid(index, type, parsed.error, POINTERS);
  return { index, parts: [], id: context.idAt(index), fields: parsed.data, recordedBy: named(resource.recorder?.display), createdAt: fromInstant(resource.recordedDate) };
}
