import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { ImagingService } from './service.ts';

/** The viewer's channels; import, reconciliation, reports, export and PACS have handler files of their own. */
type ImagingChannels = Extract<keyof Handlers, `imaging.${'studies' | 'series' | 'media' | 'annotations' | 'reconcile' | 'reports'}.${string}`>;

export function imagingHandlers(imaging: ImagingService): Pick<Handlers, ImagingChannels> {
  return {
    'imaging.studies.list': (filter) => imaging.listStudies(filter),
    'imaging.studies.get': ({ studyId }) => imaging.getStudy(studyId),
    'imaging.studies.viewExported': ({ studyId }, context) => imaging.viewExported(signedIn(context), studyId),
    'imaging.series.list': ({ studyId }, context) => imaging.listSeries(signedIn(context), studyId),
    'imaging.media.token': (_request, context) => imaging.mediaToken(signedIn(context)),
    'imaging.annotations.get': ({ studyId }) => imaging.getAnnotations(studyId),
    'imaging.annotations.save': ({ studyId, annotations, keyImages }, context) => imaging.saveAnnotations(signedIn(context), studyId, annotations, keyImages),
    'imaging.reconcile.list': ({ limit }) => imaging.reconciliation(limit),
    'imaging.reconcile.link': ({ studyId, patientId, acknowledgeMismatches }, context) => imaging.link(signedIn(context), studyId, patientId, acknowledgeMismatches),
    'imaging.reconcile.createPatient': ({ studyId, patient, confirmedNotDuplicate }, context) => imaging.createPatient(signedIn(context), studyId, patient, confirmedNotDuplicate),
    'imaging.reconcile.unlink': ({ studyId }, context) => imaging.unlink(signedIn(context), studyId),
    'imaging.reports.get': ({ studyId }, context) => imaging.getReport(signedIn(context), studyId),
    'imaging.reports.saveDraft': ({ studyId, findings, impression, expectedUpdatedAt }, context) => imaging.saveDraft(signedIn(context), studyId, { findings, impression }, expectedUpdatedAt),
    'imaging.reports.sign': ({ studyId, expectedUpdatedAt }, context) => imaging.sign(signedIn(context), studyId, expectedUpdatedAt),
    'imaging.reports.addAddendum': ({ studyId, text }, context) => imaging.addAddendum(signedIn(context), studyId, text),
    'imaging.reports.forPatient': ({ patientId }, context) => imaging.reportsForPatient(signedIn(context), patientId),
  };
}
