import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { Allergy } from '../../../preload/contract/chart.ts';
import { EXTENSIONS, SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

/**
 * An allergy with its substance and reaction as written (free text). A
 * severity without a described reaction still needs a manifestation in FHIR:
 * it is marked data-absent instead of invented.
 */
export function allergyResource(allergy: Allergy): AllergyIntolerance {
  const hasReaction = allergy.reaction !== '' || allergy.severity !== 'unknown';
  return {
    resourceType: 'AllergyIntolerance',
    id: allergy.id,
    meta: { lastUpdated: toInstant(allergy.updatedAt) },
    clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: allergy.status }] },
    verificationStatus: { coding: [{ system: SYSTEMS.allergyVerification, code: 'confirmed' }] },
    code: { text: allergy.substance },
    patient: reference(allergy.patientId),
    ...(allergy.onset ? { onsetDateTime: allergy.onset } : {}),
    recordedDate: toInstant(allergy.createdAt),
    ...(allergy.recordedBy.name ? { recorder: { display: allergy.recordedBy.name } } : {}),
    ...(allergy.note ? { note: [{ text: allergy.note }] } : {}),
    ...(hasReaction
      ? {
          reaction: [
            {
              manifestation: [allergy.reaction ? { text: allergy.reaction } : { extension: [{ url: EXTENSIONS.dataAbsentReason, valueCode: 'unknown' }] }],
              ...(allergy.severity !== 'unknown' ? { severity: allergy.severity } : {}),
            },
          ],
        }
      : {}),
  };
}
