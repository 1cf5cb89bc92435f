import type { Condition, Encounter as FhirEncounter, Extension } from '@medplum/fhirtypes';
import type { Encounter } from '../../../preload/contract/chart.ts';
import { EXTENSIONS, SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { present, stringParts } from './extensions.ts';
import { derivedUuid, reference } from './references.ts';

/** The id of an encounter's n-th diagnosis as a Condition: stable, so a re-export and a round trip agree. */
export function diagnosisId(encounterId: string, position: number): string {
  return derivedUuid(encounterId, `diagnosis/${position}`);
}

function noteExtensions(encounter: Encounter): Extension[] {
  return present([
    stringParts(EXTENSIONS.visitNote, {
      subjective: encounter.subjective,
      objective: encounter.objective,
      assessment: encounter.assessment,
      plan: encounter.plan,
      orders: encounter.orders,
    }),
    encounter.author.name ? { url: EXTENSIONS.noteAuthor, valueString: encounter.author.name } : null,
    encounter.signedAt !== null
      ? {
          url: EXTENSIONS.noteSigned,
          extension: present<Extension>([{ url: 'at', valueDateTime: toInstant(encounter.signedAt) }, encounter.signedBy?.name ? { url: 'by', valueString: encounter.signedBy.name } : null]),
        }
      : null,
    ...encounter.addenda.map(
      (addendum): Extension => ({
        id: addendum.id,
        url: EXTENSIONS.noteAddendum,
        extension: present<Extension>([
          { url: 'text', valueString: addendum.text },
          { url: 'at', valueDateTime: toInstant(addendum.at) },
          addendum.author.name ? { url: 'by', valueString: addendum.author.name } : null,
        ]),
      }),
    ),
  ]);
}

/**
 * A visit as an ambulatory Encounter: a signed note is a finished encounter,
 * a draft one in progress. The note itself (SOAP, orders, signature,
 * addenda) rides in this product's extensions; each diagnosis is a Condition
 * of category encounter-diagnosis, ranked in the note's order.
 */
export function encounterResource(encounter: Encounter): FhirEncounter {
  const extension = noteExtensions(encounter);
  return {
    resourceType: 'Encounter',
    id: encounter.id,
    meta: { lastUpdated: toInstant(encounter.updatedAt) },
    ...(extension.length ? { extension } : {}),
    status: encounter.status === 'signed' ? 'finished' : 'in-progress',
    class: { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' },
    subject: reference(encounter.patientId),
    ...(encounter.provider.name
      ? { participant: [{ type: [{ coding: [{ system: SYSTEMS.participationType, code: 'PPRF', display: 'primary performer' }] }], individual: { display: encounter.provider.name } }] }
      : {}),
    ...(encounter.appointmentId ? { appointment: [reference(encounter.appointmentId)] } : {}),
    period: { start: toInstant(encounter.at) },
    ...(encounter.chiefComplaint ? { reasonCode: [{ text: encounter.chiefComplaint }] } : {}),
    ...(encounter.diagnoses.length
      ? { diagnosis: encounter.diagnoses.map((_, position) => ({ condition: reference(diagnosisId(encounter.id, position)), rank: position + 1 })) }
      : {}),
  };
}

export function diagnosisResources(encounter: Encounter): Condition[] {
  return encounter.diagnoses.map((diagnosis, position) => ({
    resourceType: 'Condition',
    id: diagnosisId(encounter.id, position),
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
    code: { coding: [{ system: SYSTEMS.icd10, code: diagnosis.code, display: diagnosis.text }], text: diagnosis.text },
    subject: reference(encounter.patientId),
    encounter: reference(encounter.id),
    recordedDate: toInstant(encounter.at),
  }));
}
