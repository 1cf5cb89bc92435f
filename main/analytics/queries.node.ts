import type Database from '@signalapp/sqlcipher';
import type { CdsHook, CdsService, DraftEntry, Feature, StatisticsRequest } from '../../preload/contract/analytics.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import type { QueryModule } from '../store/interface.ts';
import { queueHookCalls } from './cds/queue.node.ts';
import { applyDraft, discardDraft, draftsOf } from './cds/draft-review.node.ts';
import { adviceFor, decideCard, getCard, hasPendingCalls, requestsOf } from './cds/requests.node.ts';
import { listServers, recordDiscovery, saveServer, serverConnection, type ServerSave } from './cds/servers.node.ts';
import { featureColumns } from './clustering/features.node.ts';
import { deidentifiedCharts } from './deidentify/deidentified-charts.node.ts';
import { qualityReport } from './quality/quality.node.ts';
import { cohortMembers, deleteCohort, listCohorts, patientList, saveCohort, type NewCohort } from './cohorts/cohorts.node.ts';
import { summarizeStatistics } from './statistics/statistics.node.ts';

/** The analytics store methods: `store.methods.analytics.…`. */
export const analyticsQueries = {
  statistics: (db: Database, request: StatisticsRequest, now: number) => summarizeStatistics(db, request, now),
  featureColumns: (db: Database, features: readonly Feature[], now: number) => featureColumns(db, features, now),
  saveCohort: (db: Database, cohort: NewCohort, audit: AuditInput) => saveCohort(db, cohort, audit),
  listCohorts: (db: Database) => listCohorts(db),
  cohortMembers: (db: Database, cohortId: string, cluster: number | null, offset: number, limit: number, audit: AuditInput) =>
    cohortMembers(db, cohortId, cluster, offset, limit, audit),
  patientList: (db: Database, patientIds: readonly string[], clusters: readonly number[], audit: AuditInput) => patientList(db, patientIds, clusters, audit),
  deleteCohort: (db: Database, cohortId: string, audit: AuditInput) => deleteCohort(db, cohortId, audit),
  qualityReport: (db: Database, limit: number, now: number) => qualityReport(db, limit, now),

  cdsServers: (db: Database) => listServers(db),
  cdsSaveServer: (db: Database, server: ServerSave, now: number) => saveServer(db, server, now),
  cdsRecordDiscovery: (db: Database, id: string, outcome: { services: CdsService[] } | { error: string }, now: number) => recordDiscovery(db, id, outcome, now),
  cdsConnection: (db: Database, id: string) => serverConnection(db, id),
  cdsQueue: (db: Database, patientId: string, hook: CdsHook, encounterId: string | null, audit: AuditInput) => queueHookCalls(db, patientId, hook, encounterId, audit),
  cdsHasPending: (db: Database) => hasPendingCalls(db),
  cdsRequests: (db: Database, patientId: string) => requestsOf(db, patientId),
  cdsAdvice: (db: Database, patientId: string, audit: AuditInput | null) => adviceFor(db, patientId, audit),
  cdsCard: (db: Database, cardId: string) => getCard(db, cardId),
  cdsDecide: (db: Database, cardId: string, decision: Parameters<typeof decideCard>[2], decidedByName: string, audit: AuditInput) => decideCard(db, cardId, decision, decidedByName, audit),
  cdsDrafts: (db: Database, patientId: string) => draftsOf(db, patientId),
  cdsApplyDraft: (db: Database, draftId: string, entry: DraftEntry, reviewerName: string, audit: AuditInput) => applyDraft(db, draftId, entry, reviewerName, audit),
  cdsDiscardDraft: (db: Database, draftId: string, reason: string, reviewerName: string, audit: AuditInput) => discardDraft(db, draftId, reason, reviewerName, audit),
  deidentifiedCharts: (db: Database, afterSeq: number, limit: number, salt: string, audit: AuditInput) => deidentifiedCharts(db, afterSeq, limit, salt, audit),
} satisfies QueryModule;
