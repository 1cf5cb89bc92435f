import type { Condition } from '@medplum/fhirtypes';
import type { Problem } from '../../../preload/contract/chart.ts';
import { SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

/** A problem-list entry as a Condition coded in ICD-10. */
export function problemResource(problem: Problem): Condition {
  return {
    resourceType: 'Condition',
    id: problem.id,
    meta: { lastUpdated: toInstant(problem.updatedAt) },
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: problem.status }] },
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: { coding: [{ system: SYSTEMS.icd10, code: problem.code, display: problem.text }], text: problem.text },
    subject: reference(problem.patientId),
    ...(problem.onset ? { onsetDateTime: problem.onset } : {}),
    ...(problem.resolvedOn ? { abatementDateTime: problem.resolvedOn } : {}),
    recordedDate: toInstant(problem.createdAt),
    ...(problem.recordedBy.name ? { recorder: { display: problem.recordedBy.name } } : {}),
    ...(problem.note ? { note: [{ text: problem.note }] } : {}),
  };
}
