import { randomUUID } from 'node:crypto';
import type { PacsJob, PacsServer, PacsStudy } from '../../../preload/contract/imaging.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import type { Files } from '../../files/files.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventHub } from '../../platform/events.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Session } from '../../platform/sessions.ts';
import { imagingFailure } from '../errors.ts';
import type { ImportService } from '../import/import-service.ts';
import { DicomWebClient, PacsError, type StudyQuery } from './dicomweb-client.ts';
import type { PacsInput } from './pacs.node.ts';

/** Instances retrieved at once: enough to hide latency, few enough to bound memory. */
const RETRIEVE_CONCURRENCY = 4;
const KEPT_JOBS = 20;

interface Tracked {
  job: PacsJob;
  ownerSessionId: string;
}

/**
 * PACS over DICOMweb: configured servers (secrets in the store's secrets table), study search,
 * retrieval through the same import checks and encrypted storage as files, and sending local
 * studies. Jobs report progress as `job.progress` to the window that started them.
 */
export class PacsService {
  readonly #vault: Vault;
  readonly #files: Files;
  readonly #imports: ImportService;
  readonly #events: EventHub | null;
  readonly #logger: Logger | null;
  readonly #now: () => number;
  readonly #afterSave: () => void;
  readonly #jobs = new Map<string, Tracked>();

  /** `afterSave`: a server's settings changed, so its forwarding may go on (a save clears a stop). */
  constructor(options: { vault: Vault; files: Files; imports: ImportService; events?: EventHub; logger?: Logger; now?: () => number; afterSave?: () => void }) {
    this.#vault = options.vault;
    this.#files = options.files;
    this.#imports = options.imports;
    this.#events = options.events ?? null;
    this.#logger = options.logger ?? null;
    this.#now = options.now ?? Date.now;
    this.#afterSave = options.afterSave ?? (() => {});
  }

  list(): Promise<PacsServer[]> {
    return this.#store((imaging) => imaging.listPacs());
  }

  async save(input: PacsInput): Promise<PacsServer> {
    const saved = await this.#store((imaging) => imaging.savePacs(input, this.#now()));
    this.#afterSave();
    return saved;
  }

  async remove(id: string): Promise<{ removed: boolean }> {
    return { removed: await this.#store((imaging) => imaging.removePacs(id)) };
  }

  async test(id: string): Promise<{ ok: boolean; failure: PacsError['reason'] | null }> {
    const client = await this.#client(id);
    try {
      await client.ping();
      return { ok: true, failure: null };
    } catch (error) {
      if (error instanceof PacsError) return { ok: false, failure: error.reason };
      throw error;
    }
  }

  async search(pacsId: string, query: Omit<StudyQuery, 'studyDate'> & { studyDateFrom?: string | undefined; studyDateTo?: string | undefined }): Promise<PacsStudy[]> {
    const client = await this.#client(pacsId);
    const day = (value: string | undefined) => value?.replaceAll('-', '') ?? '';
    const studyDate = query.studyDateFrom || query.studyDateTo ? (query.studyDateFrom === query.studyDateTo ? day(query.studyDateFrom) : `${day(query.studyDateFrom)}-${day(query.studyDateTo)}`) : undefined;
    try {
      return await client.searchStudies({ ...query, studyDate });
    } catch (error) {
      throw pacsFailure(error);
    }
  }

  /** Starts retrieving a study; each instance goes through the import checks into encrypted storage. */
  async retrieve(session: Session, pacsId: string, studyInstanceUid: string): Promise<{ jobId: string }> {
    const client = await this.#client(pacsId);
    const job = this.#start(session, 'retrieve');
    void (async () => {
      const importJob = await this.#imports.openJob(session, undefined, pacsId);
      const refs = await client.studyInstances(studyInstanceUid);
      job.total = refs.length;
      this.#emit(session, job);
      const studies = new Set<string>();
      let next = 0;
      const lane = async () => {
        while (next < refs.length) {
          const ref = refs[next++]!;
          let bytes: Uint8Array;
          try {
            bytes = await client.retrieveInstance(ref);
          } catch (error) {
            // One missing or malformed instance is counted; a server or connection failure stops the job.
            if (!(error instanceof PacsError) || (error.reason !== 'not-found' && error.reason !== 'bad-response')) throw error;
            job.failed++;
            job.done++;
            this.#emit(session, job);
            continue;
          }
          const outcome = await importJob.importBytes(bytes);
          if (outcome.kind === 'imported') {
            job.succeeded++;
            if (outcome.studyId) studies.add(outcome.studyId);
          } else if (outcome.kind === 'duplicate') job.duplicates++;
          else job.failed++;
          job.done++;
          this.#emit(session, job);
        }
      };
      await Promise.all(Array.from({ length: RETRIEVE_CONCURRENCY }, lane));
      job.studyIds = [...studies];
      await this.#imports.auditRun(session, { source: true, imported: job.succeeded, duplicates: job.duplicates, rejected: job.failed, studies: studies.size, cancelled: false });
    })().then(
      () => this.#finish(session, job, null),
      (error: unknown) => this.#finish(session, job, error),
    );
    return { jobId: job.jobId };
  }

  /** Starts sending a local study (STOW-RS), as stored: the bytes the PACS receives are the imported files. */
  async send(session: Session, pacsId: string, studyId: string): Promise<{ jobId: string }> {
    const client = await this.#client(pacsId);
    const blobsOfStudy = await this.#store((imaging) => imaging.studyBlobs(studyId));
    const job = this.#start(session, 'send');
    job.total = blobsOfStudy.length;
    job.studyIds = [studyId];
    void (async () => {
      // Images stored on another workstation are fetched first; those not reachable now count as failed.
      let unreachable = 0;
      const read = (hash: string) => this.#files.readFetched(hash);
      const files = (async function* () {
        for (const { hash } of blobsOfStudy) {
          const bytes = await read(hash);
          if (bytes) yield bytes;
          else unreachable++;
        }
      })();
      const result = await client.store(files, (count) => {
        job.done = count;
        this.#emit(session, job);
      });
      job.succeeded = result.stored;
      job.failed = result.failed + unreachable;
      job.done = job.succeeded + job.failed;
      const now = this.#now();
      await this.#vault.store.methods.imaging.auditStudy(studyId, auditEntry(actorOf(session, now), 'export', { detail: JSON.stringify({ pacs: pacsId, stored: result.stored, failed: job.failed }) }, now));
    })().then(
      () => this.#finish(session, job, null),
      (error: unknown) => this.#finish(session, job, error),
    );
    return { jobId: job.jobId };
  }

  job(session: Session, jobId: string): PacsJob {
    const tracked = this.#jobs.get(jobId);
    if (!tracked || tracked.ownerSessionId !== session.id) throw new AppError('NOT_FOUND', 'No such job.', { details: { reason: 'not-found' } });
    return tracked.job;
  }

  #start(session: Session, kind: PacsJob['kind']): PacsJob {
    const job: PacsJob = { jobId: randomUUID(), kind, state: 'running', done: 0, total: null, succeeded: 0, duplicates: 0, failed: 0, failure: null, studyIds: [] };
    this.#jobs.set(job.jobId, { job, ownerSessionId: session.id });
    for (const [id, tracked] of this.#jobs) {
      if (this.#jobs.size <= KEPT_JOBS) break;
      if (tracked.job.state !== 'running') this.#jobs.delete(id);
    }
    this.#emit(session, job);
    return job;
  }

  #finish(session: Session, job: PacsJob, error: unknown): void {
    if (error) {
      job.state = 'failed';
      job.failure = error instanceof PacsError ? error.reason : null;
      if (!(error instanceof PacsError)) this.#logger?.error('pacs-job-failed', error, { kind: job.kind });
    } else job.state = 'succeeded';
    this.#emit(session, job);
  }

  #emit(session: Session, job: PacsJob): void {
    this.#events?.emit('job.progress', { jobId: job.jobId, kind: `imaging.pacs.${job.kind}`, phase: job.kind, done: job.done, total: job.total, state: job.state }, { connectionId: session.connectionId });
  }

  async #client(id: string): Promise<DicomWebClient> {
    const config = await this.#store((imaging) => imaging.pacsConfig(id));
    return new DicomWebClient({ baseUrl: config.baseUrl, auth: { kind: config.auth, username: config.username, secret: config.secret } });
  }

  async #store<T>(work: (imaging: Vault['store']['methods']['imaging']) => Promise<T>): Promise<T> {
    try {
      return await work(this.#vault.store.methods.imaging);
    } catch (error) {
      const failure = imagingFailure(error);
      if (failure instanceof AppError && failure.code === 'NOT_FOUND' && (error as { details?: { reason?: unknown } }).details?.reason === 'no pacs') {
        throw new AppError('NOT_FOUND', 'No such PACS server.', { details: { reason: 'no-pacs' } });
      }
      throw failure;
    }
  }
}

/** A DICOMweb failure as the contract reports it: UNAVAILABLE with the reason for the UI. */
function pacsFailure(error: unknown): unknown {
  if (!(error instanceof PacsError)) return error;
  return new AppError('UNAVAILABLE', 'The PACS did not answer as expected.', { details: { reason: error.reason } });
}
