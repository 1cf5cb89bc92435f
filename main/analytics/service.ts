import type { ClusteringRequest, ClusteringSummary, Cohort, CohortMember, QualityReport, StatisticsRequest, StatisticsResult } from '../../preload/contract/analytics.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import type { EventHub } from '../platform/events.ts';
import { AppError } from '../platform/errors.ts';
import type { Session } from '../platform/sessions.ts';
import { storeErrorToAppError } from '../store/app-error.ts';
import { uuidv7 } from '../store/ids.ts';
import { isStoreError } from '../store/errors.ts';
import type { MethodsProxy } from '../store/interface.ts';
import { startClustering, type ClusterRun } from './clustering/clusterer.ts';

type AnalyticsStore = MethodsProxy['analytics'];

/** A finished clustering job, kept in memory for its members and for saving as a cohort. */
interface FinishedJob {
  userId: string;
  summary: ClusteringSummary;
  /** Clustered patients (those not excluded) and each one's cluster. */
  patientIds: string[];
  labels: Int32Array;
}

/** Finished jobs kept for members and saving; older ones must be re-run. */
const KEPT_JOBS = 4;

/**
 * Population analytics for physicians and administrators: statistics and
 * clustering computed off main's event loop (store worker, clustering
 * worker), cohorts saved in the store, every listing of patients audited.
 */
export class AnalyticsService {
  readonly #vault: Vault;
  readonly #events: EventHub;
  readonly #now: () => number;
  readonly #running = new Map<string, { userId: string; run: ClusterRun }>();
  readonly #finished = new Map<string, FinishedJob>();

  constructor(options: { vault: Vault; events: EventHub; now?: () => number }) {
    this.#vault = options.vault;
    this.#events = options.events;
    this.#now = options.now ?? Date.now;
  }

  summarize(request: StatisticsRequest): Promise<StatisticsResult> {
    return this.#store.statistics(request, this.#now());
  }

  async cluster(session: Session, request: ClusteringRequest): Promise<{ status: 'done'; jobId: string; summary: ClusteringSummary } | { status: 'cancelled'; jobId: string }> {
    const { jobId } = request;
    if (this.#running.has(jobId) || this.#finished.has(jobId)) throw new AppError('CONFLICT', 'This job id is already in use.', { details: { reason: 'job-exists' } });
    const { patientIds, columns } = await this.#store.featureColumns(request.features, this.#now());
    const ids = patientIds ? patientIds.split('\n') : [];
    if (ids.length < request.k) throw new AppError('VALIDATION', 'Fewer patients than clusters.', { fields: [{ path: 'k', code: 'tooFewPatients', message: 'Fewer patients than clusters' }] });
    const progress = (phase: string, done: number, state: 'running' | 'succeeded' | 'failed' | 'cancelled') =>
      this.#events.emit('job.progress', { jobId, kind: 'clustering', phase, done, total: 100, state }, { connectionId: session.connectionId });
    const run = startClustering(
      { columns, missing: request.missing, k: request.k, seed: request.seed, elbow: request.elbow },
      (update) => progress(update.stage, Math.round(update.fraction * 100), 'running'),
    );
    this.#running.set(jobId, { userId: session.userId, run });
    try {
      const result = await run.result;
      if (result.status === 'cancelled') {
        progress('cancelled', 0, 'cancelled');
        return { status: 'cancelled', jobId };
      }
      const { outcome } = result;
      if (outcome.excluded === ids.length || outcome.kept.length < request.k) {
        progress('failed', 0, 'failed');
        throw new AppError('VALIDATION', 'Too few patients have every chosen feature; impute missing values or choose other features.', {
          fields: [{ path: 'missing', code: 'tooFewComplete', message: 'Too few patients have every chosen feature' }],
        });
      }
      const summary: ClusteringSummary = {
        features: request.features,
        missing: request.missing,
        k: request.k,
        seed: request.seed,
        patients: ids.length,
        excluded: outcome.excluded,
        imputed: outcome.imputedRows,
        featureStats: outcome.scales.map((scale, j) => ({ feature: request.features[j]!, ...scale })),
        profiles: outcome.profiles,
        inertia: outcome.inertia,
        iterations: outcome.iterations,
        converged: outcome.converged,
        silhouette: outcome.silhouette,
        elbow: outcome.elbow,
      };
      this.#remember(jobId, { userId: session.userId, summary, patientIds: Array.from(outcome.kept, (row) => ids[row]!), labels: outcome.labels });
      progress('done', 100, 'succeeded');
      return { status: 'done', jobId, summary };
    } finally {
      this.#running.delete(jobId);
    }
  }

  cancel(session: Session, jobId: string): { cancelled: boolean } {
    const job = this.#running.get(jobId);
    if (!job || job.userId !== session.userId) return { cancelled: false };
    job.run.cancel();
    return { cancelled: true };
  }

  jobMembers(session: Session, jobId: string, cluster: number, offset: number, limit: number): Promise<{ total: number; members: CohortMember[] }> {
    const job = this.#job(session, jobId);
    const inCluster: string[] = [];
    job.labels.forEach((label, i) => label === cluster && inCluster.push(job.patientIds[i]!));
    const page = inCluster.slice(offset, offset + limit);
    return this.#store.patientList(page, page.map(() => cluster), this.#audit(session, 'record.read')).then((members) => ({ total: inCluster.length, members }));
  }

  saveCohort(session: Session, jobId: string, name: string): Promise<Cohort> {
    const job = this.#job(session, jobId);
    return this.#store.saveCohort(
      { id: uuidv7(this.#now()), name, summary: job.summary, patientIds: job.patientIds.join('\n'), clusters: job.labels, createdByName: session.displayName },
      this.#audit(session, 'record.create'),
    );
  }

  listCohorts(): Promise<Cohort[]> {
    return this.#store.listCohorts();
  }

  async cohortMembers(session: Session, cohortId: string, cluster: number | undefined, offset: number, limit: number): Promise<{ total: number; members: CohortMember[] }> {
    try {
      return await this.#store.cohortMembers(cohortId, cluster ?? null, offset, limit, this.#audit(session, 'record.read'));
    } catch (error) {
      if (isStoreError(error) && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such cohort.', { details: { reason: 'cohort-not-found' } });
      throw isStoreError(error) ? storeErrorToAppError(error) : error;
    }
  }

  async deleteCohort(session: Session, cohortId: string): Promise<{ deleted: boolean }> {
    return { deleted: await this.#store.deleteCohort(cohortId, this.#audit(session, 'record.delete')) };
  }

  qualityReport(limit: number): Promise<QualityReport> {
    return this.#store.qualityReport(limit, this.#now());
  }

  /** Stops running jobs (the app is closing). */
  close(): void {
    for (const { run } of this.#running.values()) run.cancel();
  }

  get #store(): AnalyticsStore {
    return this.#vault.store.methods.analytics;
  }

  #job(session: Session, jobId: string): FinishedJob {
    const job = this.#finished.get(jobId);
    if (!job || job.userId !== session.userId) throw new AppError('NOT_FOUND', 'This clustering result is no longer available; run it again.', { details: { reason: 'job-not-found' } });
    return job;
  }

  #remember(jobId: string, job: FinishedJob): void {
    this.#finished.set(jobId, job);
    for (const old of this.#finished.keys()) {
      if (this.#finished.size <= KEPT_JOBS) break;
      this.#finished.delete(old);
    }
  }

  #audit(session: Session, action: 'record.read' | 'record.create' | 'record.delete'): AuditInput {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }
}
