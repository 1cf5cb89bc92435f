import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { ChartService } from './service.ts';

type ChartChannels = Extract<keyof Handlers, `chart.${string}`>;

export function chartHandlers(chart: ChartService): Pick<Handlers, ChartChannels> {
  return {
    'chart.get': ({ patientId }, context) => chart.get(signedIn(context), patientId),
    'chart.icd10.search': ({ query, limit }) => chart.searchIcd10(query, limit),

    'chart.encounters.create': ({ patientId, encounter }, context) => chart.createEncounter(signedIn(context), patientId, encounter),
    'chart.encounters.update': ({ id, encounter, expectedUpdatedAt }, context) => chart.updateEncounter(signedIn(context), id, encounter, expectedUpdatedAt),
    'chart.encounters.sign': ({ id, expectedUpdatedAt }, context) => chart.signEncounter(signedIn(context), id, expectedUpdatedAt),
    'chart.encounters.addendum': ({ id, text }, context) => chart.addAddendum(signedIn(context), id, text),
    'chart.encounters.discard': ({ id, reason }, context) => chart.discardEncounter(signedIn(context), id, reason),

    'chart.vitals.record': ({ patientId, vitals }, context) => chart.recordVitals(signedIn(context), patientId, vitals),
    'chart.vitals.markError': ({ id, reason }, context) => chart.markVitalsError(signedIn(context), id, reason),

    'chart.problems.create': ({ patientId, problem }, context) => chart.createProblem(signedIn(context), patientId, problem),
    'chart.problems.update': ({ id, problem, expectedUpdatedAt }, context) => chart.updateProblem(signedIn(context), id, problem, expectedUpdatedAt),
    'chart.problems.remove': ({ id, reason }, context) => chart.removeProblem(signedIn(context), id, reason),

    'chart.allergies.create': ({ patientId, allergy }, context) => chart.createAllergy(signedIn(context), patientId, allergy),
    'chart.allergies.update': ({ id, allergy, expectedUpdatedAt }, context) => chart.updateAllergy(signedIn(context), id, allergy, expectedUpdatedAt),
    'chart.allergies.remove': ({ id, reason }, context) => chart.removeAllergy(signedIn(context), id, reason),

    'chart.medications.create': ({ patientId, medication }, context) => chart.createMedication(signedIn(context), patientId, medication),
    'chart.medications.update': ({ id, medication, expectedUpdatedAt }, context) => chart.updateMedication(signedIn(context), id, medication, expectedUpdatedAt),
    'chart.medications.remove': ({ id, reason }, context) => chart.removeMedication(signedIn(context), id, reason),

    'chart.documents.attach': ({ patientId, document }, context) => chart.attachDocument(signedIn(context), patientId, document),
    'chart.documents.image': ({ id }, context) => chart.documentImage(signedIn(context), id),
    'chart.documents.saveCopy': ({ id }, context) => chart.saveDocumentCopy(signedIn(context), id),
    'chart.documents.remove': ({ id, reason }, context) => chart.removeDocument(signedIn(context), id, reason),
  };
}
