import { randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import type { ImportJobStatus } from '../../../preload/contract/imaging.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import type { Files } from '../../files/files.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventHub } from '../../platform/events.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Session } from '../../platform/sessions.ts';
import { removeClaim, staleClaims, writeGroupClaim } from './claims.node.ts';
import { ImportJob, type ImportProgress, type ImportReport } from './import-job.ts';
import { DicomWorkerPool } from './pool.ts';

/** Claims younger than this may belong to an import still running (e.g. the CLI beside the app). */
const CLAIM_STALE_MS = 15 * 60_000;
/** Finished jobs kept for `imaging.import.status`. */
const KEPT_JOBS = 20;

interface Tracked {
  status: ImportJobStatus;
  abort: AbortController;
  ownerSessionId: string;
}

/**
 * Runs DICOM imports: one shared worker pool, one job per request, progress as `job.progress`
 * events to the window that started it, and the final report kept for a while. Before each job,
 * blobs left by an import a crash interrupted are swept.
 */
export class ImportService {
  readonly #vault: Vault;
  readonly #files: Files;
  readonly #events: EventHub | null;
  readonly #logger: Logger | null;
  readonly #now: () => number;
  readonly #afterImport: () => void;
  readonly #jobs = new Map<string, Tracked>();
  #pool: Promise<DicomWorkerPool> | null = null;

  /** `afterImport`: an import (of files, or retrieved from a PACS) has ended, and its new instances may wait to be forwarded. */
  constructor(options: { vault: Vault; files: Files; events?: EventHub; logger?: Logger; now?: () => number; afterImport?: () => void }) {
    this.#vault = options.vault;
    this.#files = options.files;
    this.#events = options.events ?? null;
    this.#logger = options.logger ?? null;
    this.#now = options.now ?? Date.now;
    this.#afterImport = options.afterImport ?? (() => {});
  }

  get claimsDir(): string {
    return join(this.#files.root, 'claims');
  }

  /** Starts an import in the background; progress goes to the caller's window. */
  start(session: Session, paths: readonly string[]): { jobId: string } {
    const checked = checkPaths(paths);
    const jobId = randomUUID();
    const abort = new AbortController();
    const status: ImportJobStatus = { jobId, state: 'running', phase: 'scanning', done: 0, total: null, report: null };
    this.#remember(jobId, { status, abort, ownerSessionId: session.id });
    const emit = () =>
      this.#events?.emit('job.progress', { jobId, kind: 'imaging.import', phase: status.phase, done: status.done, total: status.total, state: status.state }, { connectionId: session.connectionId });
    void this.run(session, checked, {
      signal: abort.signal,
      onProgress: (progress) => {
        Object.assign(status, progress);
        emit();
      },
    })
      .then((report) => Object.assign(status, { state: report.cancelled ? 'cancelled' : 'succeeded', report }))
      .catch((error: unknown) => {
        this.#logger?.error('imaging-import-failed', error, { jobId });
        status.state = 'failed';
      })
      .finally(emit);
    return { jobId };
  }

  /** Runs one import to the end and returns its report (the CLI and tests wait for it). */
  async run(session: Session | null, paths: readonly string[], options: { signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void } = {}): Promise<ImportReport> {
    const job = await this.openJob(session, options.onProgress);
    if (options.signal?.aborted) job.cancel();
    options.signal?.addEventListener('abort', () => job.cancel(), { once: true });
    const report = await job.run(paths);
    await this.auditRun(session, {
      files: report.files,
      imported: report.imported,
      duplicates: report.duplicates,
      rejected: report.rejected.length,
      studies: report.studyIds.length,
      cancelled: report.cancelled,
    });
    return report;
  }

  /**
   * A job on the shared pool and the store, e.g. for instances retrieved from a PACS (`importBytes`); `fromPacs`, the
   * server they came from, is not sent them again by forwarding.
   */
  async openJob(session: Session | null, onProgress?: (progress: ImportProgress) => void, fromPacs: string | null = null): Promise<ImportJob> {
    const store = this.#vault.store;
    const pool = await this.#workers();
    await this.sweepOrphans();
    return new ImportJob({
      pool,
      sink: {
        sync: async (staged) => (await this.#files.blobs()).syncStaged(staged),
        claim: (hashes) => writeGroupClaim(this.claimsDir, hashes),
        publish: async (synced) => (await this.#files.blobs()).publish(synced),
        index: (items) => store.methods.imaging.indexInstances(items, this.#audit(session), fromPacs),
        discard: async (hash) => {
          if (!(await store.methods.imaging.blobReferenced(hash))) await (await this.#files.blobs()).remove(hash);
        },
        release: (claim) => removeClaim(this.claimsDir, claim),
      },
      onProgress,
    });
  }

  /**
   * Ends a run, of files or retrieved from a PACS: one audit entry, with counts only (file names may name the
   * patient), then `afterImport`, so the new instances are forwarded.
   */
  async auditRun(session: Session | null, counts: Readonly<Record<string, number | boolean>>): Promise<void> {
    await this.#vault.store.methods.imaging.auditImport(this.#audit(session), counts);
    this.#afterImport();
  }

  #audit(session: Session | null) {
    const now = this.#now();
    return auditEntry(actorOf(session, now), 'record.create', {}, now);
  }

  status(session: Session, jobId: string): ImportJobStatus {
    const tracked = this.#jobs.get(jobId);
    if (!tracked || tracked.ownerSessionId !== session.id) throw new AppError('NOT_FOUND', 'No such import.', { details: { reason: 'not-found' } });
    return tracked.status;
  }

  cancel(session: Session, jobId: string): ImportJobStatus {
    const tracked = this.#jobs.get(jobId);
    if (!tracked || tracked.ownerSessionId !== session.id) throw new AppError('NOT_FOUND', 'No such import.', { details: { reason: 'not-found' } });
    tracked.abort.abort();
    return tracked.status;
  }

  /** Removes blobs whose import crashed before indexing them (their claims outlived the import). */
  async sweepOrphans(): Promise<number> {
    const blobs = await this.#files.blobs();
    const store = this.#vault.store;
    let removed = 0;
    for (const claim of await staleClaims(this.claimsDir, CLAIM_STALE_MS, this.#now())) {
      for (const hash of claim.hashes) if (!(await store.methods.imaging.blobReferenced(hash)) && (await blobs.remove(hash))) removed++;
      await removeClaim(this.claimsDir, claim.name);
    }
    await blobs.sweepTemp();
    return removed;
  }

  /** The DICOM worker pool (export uses it too). */
  workers(): Promise<DicomWorkerPool> {
    return this.#workers();
  }

  #workers(): Promise<DicomWorkerPool> {
    this.#pool ??= this.#files.fileKey().then((fileKey) => new DicomWorkerPool({ blobRoot: this.#files.root, fileKey }));
    this.#pool.catch(() => (this.#pool = null));
    return this.#pool;
  }

  #remember(jobId: string, tracked: Tracked): void {
    this.#jobs.set(jobId, tracked);
    for (const [id, { status }] of this.#jobs) {
      if (this.#jobs.size <= KEPT_JOBS) break;
      if (status.state !== 'running') this.#jobs.delete(id);
    }
  }
}

/** Paths from the renderer (drag and drop) are only accepted as absolute, printable paths; existence is checked by the scan. */
function checkPaths(paths: readonly string[]): string[] {
  const bad = paths.findIndex((path) => !isAbsolute(path) || /[\0\r\n]/.test(path));
  if (bad !== -1) throw new AppError('VALIDATION', 'Only files and folders on this computer can be imported.', { fields: [{ path: `paths.${bad}`, code: 'NOT_ABSOLUTE', message: 'Not an absolute path.' }] });
  return [...paths];
}
