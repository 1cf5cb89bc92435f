import type { BundleEntry, Condition } from '@medplum/fhirtypes';
import { problemInputSchema, type ProblemFields } from '../../../preload/contract/chart.ts';
import type { ImportEntry } from '../../../preload/contract/fhir.ts';
import type { PlannedEntry } from '../import-plan.ts';
import { SYSTEMS } from '../systems.ts';
import { fromInstant } from '../time.ts';
import type { PlanContext } from './context.ts';
import { skip } from './entries.ts';
import { invalid } from './invalid.ts';
import { codeIn, conceptText, dateOnly, icd10Coding, named, notesText } from './values.ts';

const POINTERS: Record<string, string> = { code: '/code', text: '/code/text', onset: '/onsetDateTime', resolvedOn: '/abatementDateTime', status: '/clinicalStatus', note: '/note' };
/** FHIR's clinical statuses folded into the problem list's two. */
const STATUS: Record<string, ProblemFields['status']> = { active: 'active', recurrence: 'active', relapse: 'active', inactive: 'resolved', remission: 'resolved', resolved: 'resolved' };

/** A problem-list entry: a Condition of the patient coded in ICD-10 (a Condition an encounter ranks is that visit's diagnosis instead). */
export function planProblem(entry: BundleEntry<Condition>, index: number, context: PlanContext): PlannedEntry<ProblemFields> | ImportEntry {
  const resource = entry.resource!;
  const type = 'Condition';
  if (!context.isPatient(resource.subject)) return skip(index, type, 'not-for-patient', 'The condition is not the bundle’s patient’s.', '/subject');
  if (codeIn(resource.verificationStatus, SYSTEMS.conditionVerification) === 'entered-in-error') return skip(index, type, 'unsupported-code', 'The condition was entered in error.', '/verificationStatus');
  const coding = icd10Coding(resource.code);
  if (!coding) return skip(index, type, 'unsupported-code', 'The condition has no ICD-10 code.', '/code');
  const status = STATUS[codeIn(resource.clinicalStatus, SYSTEMS.conditionClinical) ?? 'active'] ?? 'active';
  const parsed = problemInputSchema.safeParse({
    code: coding.code,
    text: conceptText(resource.code) ?? coding.code,
    onset: dateOnly(resource.onsetDateTime),
    status,
    resolvedOn: status === 'resolved' ? dateOnly(resource.abatementDateTime) : null,
    note: notesText(resource.note),
  });
  if (!parsed.success) return invalid(index, type, parsed.error, POINTERS);
  return { index, parts: [], id: context.idAt(index), fields: parsed.data, recordedBy: named(resource.recorder?.display), createdAt: fromInstant(resource.recordedDate) };
}
