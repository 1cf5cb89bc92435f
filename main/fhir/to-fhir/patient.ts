import type { Coverage, Extension, HumanName, Identifier, Patient as FhirPatient } from '@medplum/fhirtypes';
import type { Patient } from '../../../preload/contract/patients.ts';
import { EXTENSIONS, mrnSystem, SYSTEMS } from '../systems.ts';
import { toInstant } from '../time.ts';
import { reference } from './references.ts';

const ID_SYSTEM = { 'cn-resident': SYSTEMS.cnResidentId, passport: SYSTEMS.passport, other: SYSTEMS.otherId } as const;
/** v2-0203 identifier types: national person identifier of China, passport number, and no specific type for the rest. */
const ID_TYPE = { 'cn-resident': 'NNCHN', passport: 'PPN', other: null } as const;

function identifierType(code: string): Identifier['type'] {
  return { coding: [{ system: SYSTEMS.identifierType, code }] };
}

function identifiers(patient: Patient, storeId: string): Identifier[] {
  const list: Identifier[] = [{ use: 'usual', type: identifierType('MR'), system: mrnSystem(storeId), value: patient.mrn }];
  if (patient.identifier) {
    const type = ID_TYPE[patient.identifier.type];
    list.push({ use: 'official', ...(type ? { type: identifierType(type) } : {}), system: ID_SYSTEM[patient.identifier.type], value: patient.identifier.value });
  }
  return list;
}

const representation = (code: 'IDE' | 'ABC'): Extension => ({ url: EXTENSIONS.nameRepresentation, valueCode: code });

/**
 * The name as registered, and for a Chinese name a second HumanName with its
 * pinyin, each marked with its ISO 21090 representation (IDE for 汉字, ABC
 * for the alphabetic form), the way HL7 tells ideographic and alphabetic
 * forms of one name apart. The pinyin is derived, so an import ignores it.
 */
function names(patient: Patient): HumanName[] {
  const registered: HumanName = {
    use: 'official',
    text: patient.fullName,
    ...(patient.familyName ? { family: patient.familyName } : {}),
    ...(patient.givenName ? { given: [patient.givenName] } : {}),
  };
  if (!patient.pinyin) return [registered];
  return [
    { ...registered, extension: [representation('IDE')] },
    { use: 'usual', text: patient.pinyin, extension: [representation('ABC')] },
  ];
}

export function patientResource(patient: Patient, storeId: string): FhirPatient {
  const extension: Extension[] = [{ url: EXTENSIONS.allergyStatus, valueCode: patient.allergies }];
  if (patient.notes) extension.push({ url: EXTENSIONS.patientNotes, valueString: patient.notes });
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { lastUpdated: toInstant(patient.updatedAt) },
    extension,
    identifier: identifiers(patient, storeId),
    name: names(patient),
    ...(patient.phones.length ? { telecom: patient.phones.map((value, rank) => ({ system: 'phone' as const, value, rank: rank + 1 })) } : {}),
    gender: patient.sex,
    birthDate: patient.birthDate,
    ...(patient.address ? { address: [{ text: patient.address }] } : {}),
    ...(patient.emergencyContact
      ? {
          contact: [
            {
              relationship: [
                { coding: [{ system: SYSTEMS.contactRelationship, code: 'C', display: 'Emergency Contact' }] },
                ...(patient.emergencyContact.relation ? [{ text: patient.emergencyContact.relation }] : []),
              ],
              name: { text: patient.emergencyContact.name },
              telecom: [{ system: 'phone' as const, value: patient.emergencyContact.phone }],
            },
          ],
        }
      : {}),
  };
}

/** Insurance is not a Patient field in FHIR but a Coverage of the patient, paid by the insurer. */
export function coverageResource(patient: Patient, id: string): Coverage | null {
  if (!patient.insurance) return null;
  return {
    resourceType: 'Coverage',
    id,
    status: 'active',
    subscriberId: patient.insurance.number,
    beneficiary: reference(patient.id),
    payor: [{ display: patient.insurance.provider }],
  };
}
