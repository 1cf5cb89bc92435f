import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { FhirService } from './service.ts';

type FhirChannels = Extract<keyof Handlers, `fhir.${string}`>;

export function fhirHandlers(fhir: FhirService): Pick<Handlers, FhirChannels> {
  return {
    'fhir.exportChart': ({ patientId }, context) => fhir.exportChart(signedIn(context), patientId),
    'fhir.importBundle': (_request, context) => fhir.importBundle(signedIn(context)),
  };
}
