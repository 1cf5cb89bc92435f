import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { PatientService } from './service.ts';

type PatientChannels = Extract<keyof Handlers, `patients.${string}`>;

export function patientHandlers(patients: PatientService): Pick<Handlers, PatientChannels> {
  return {
    'patients.search': ({ query, limit }, context) => patients.search(signedIn(context), query, limit),
    'patients.get': ({ id }, context) => patients.get(signedIn(context), id),
    'patients.findDuplicates': ({ patient, excludeId }) => patients.findDuplicates(patient, excludeId),
    'patients.register': ({ patient, confirmedNotDuplicate }, context) => patients.register(signedIn(context), patient, confirmedNotDuplicate),
    'patients.update': ({ id, patient, expectedUpdatedAt }, context) => patients.update(signedIn(context), id, patient, expectedUpdatedAt),
    'patients.merge': ({ survivorId, duplicateId }, context) => patients.merge(signedIn(context), survivorId, duplicateId),
  };
}
