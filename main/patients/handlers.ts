import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { PatientImportService } from './import/service.ts';
import type { PatientService } from './service.ts';

type PatientChannels = Extract<keyof Handlers, `patients.${string}`>;

export function patientHandlers(patients: PatientService, imports: PatientImportService): Pick<Handlers, PatientChannels> {
  return {
    'patients.search': ({ query, limit }, context) => patients.search(signedIn(context), query, limit),
    'patients.get': ({ id }, context) => patients.get(signedIn(context), id),
    'patients.findDuplicates': ({ patient, excludeId }) => patients.findDuplicates(patient, excludeId),
    'patients.register': ({ patient, confirmedNotDuplicate }, context) => patients.register(signedIn(context), patient, confirmedNotDuplicate),
    'patients.update': ({ id, patient, expectedUpdatedAt }, context) => patients.update(signedIn(context), id, patient, expectedUpdatedAt),
    'patients.merge': ({ survivorId, duplicateId }, context) => patients.merge(signedIn(context), survivorId, duplicateId),
    'patients.mrnFormat.get': () => patients.mrnSettings(),
    'patients.mrnFormat.set': (format, context) => patients.setMrnFormat(signedIn(context), format),
    'patients.revealIdentifier': ({ id }, context) => patients.revealIdentifier(signedIn(context), id),
    'patients.import.open': (_request, context) => imports.open(signedIn(context)),
    'patients.import.preview': ({ importId, mapping }, context) => imports.preview(signedIn(context), importId, mapping),
    'patients.import.commit': ({ importId, mapping, importDuplicates }, context) => imports.commit(signedIn(context), importId, mapping, importDuplicates),
    'patients.import.discard': ({ importId }, context) => {
      imports.discard(signedIn(context), importId);
      return {};
    },
  };
}
