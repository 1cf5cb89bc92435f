import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { FileDialogs } from '../platform/dialogs.ts';
import type { CdsService } from './cds/service.ts';
import type { DatasetExport } from './export/dataset-export.ts';
import type { AnalyticsService } from './service.ts';

type AnalyticsChannels = Extract<keyof Handlers, `analytics.${string}`>;

export function analyticsHandlers(analytics: AnalyticsService, cds: CdsService, dataset: DatasetExport, dialogs: FileDialogs): Pick<Handlers, AnalyticsChannels> {
  return {
    'analytics.statistics.summarize': (request) => analytics.summarize(request),
    'analytics.clustering.run': (request, context) => analytics.cluster(signedIn(context), request),
    'analytics.clustering.cancel': ({ jobId }, context) => analytics.cancel(signedIn(context), jobId),
    'analytics.clustering.members': ({ jobId, cluster, offset, limit }, context) => analytics.jobMembers(signedIn(context), jobId, cluster, offset, limit),
    'analytics.cohorts.save': ({ jobId, name }, context) => analytics.saveCohort(signedIn(context), jobId, name),
    'analytics.cohorts.list': () => analytics.listCohorts(),
    'analytics.cohorts.members': ({ cohortId, cluster, offset, limit }, context) => analytics.cohortMembers(signedIn(context), cohortId, cluster, offset, limit),
    'analytics.cohorts.delete': ({ cohortId }, context) => analytics.deleteCohort(signedIn(context), cohortId),
    'analytics.quality.report': ({ limit }) => analytics.qualityReport(limit),
    'analytics.cds.servers.list': () => cds.listServers(),
    'analytics.cds.servers.save': (server) => cds.saveServer(server),
    'analytics.cds.servers.discover': ({ id }) => cds.discover(id),
    'analytics.cds.request': ({ patientId, hook, encounterId }, context) => cds.request(signedIn(context), patientId, hook, encounterId),
    'analytics.cds.status': ({ patientId }) => cds.status(patientId),
    'analytics.cds.advice': ({ patientId }, context) => cds.advice(signedIn(context), patientId),
    'analytics.cds.cards.accept': ({ cardId, suggestion }, context) => cds.accept(signedIn(context), cardId, suggestion),
    'analytics.cds.drafts': ({ patientId }) => cds.drafts(patientId),
    'analytics.cds.drafts.apply': ({ draftId, entry }, context) => cds.applyDraft(signedIn(context), draftId, entry),
    'analytics.cds.drafts.discard': ({ draftId, reason }, context) => cds.discardDraft(signedIn(context), draftId, reason),
    'analytics.cds.cards.dismiss': ({ cardId, reason }, context) => cds.dismiss(signedIn(context), cardId, reason),
    'analytics.dataset.export': async ({ format, target }, context) => {
      if (target) return { status: 'done' as const, result: await dataset.run(signedIn(context), { targetId: target }, format) };
      // The dialogs choose files: the name given becomes the new dataset folder.
      const folder = await dialogs.chooseSaveFile({ defaultName: `deidentified-dataset-${new Date().toISOString().slice(0, 10)}`, filterName: 'Folder', extensions: [] });
      if (!folder) return { status: 'cancelled' as const };
      return { status: 'done' as const, result: await dataset.run(signedIn(context), { folder }, format) };
    },
  };
}
