import type { CdsAdvice, CdsCardEntry, CdsDraft, CdsHook, CdsServer, CdsServerInput, DraftEntry } from '../../../preload/contract/analytics.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import { chartFailure } from '../../chart/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/sessions.ts';
import { storeErrorToAppError } from '../../store/app-error.ts';
import { isStoreError } from '../../store/errors.ts';
import { uuidv7 } from '../../store/ids.ts';
import type { MethodsProxy } from '../../store/interface.ts';
import { discoverServices, type DispatchReport } from './dispatch.ts';

/** How long a request waits for its first attempt before answering with the queued status (the chart then follows it). */
const REQUEST_WAIT_MS = 3_000;

type AnalyticsStore = MethodsProxy['analytics'];

/** The sync worker, which sends the queued calls (main/sync/service.ts). */
export interface CdsDispatch {
  dispatchCds(now: number): Promise<DispatchReport | null>;
}

const NOTHING_SENT: DispatchReport = { sent: 0, succeeded: 0, failed: 0 };

/**
 * CDS Hooks client: servers configured by an administrator, hook calls
 * queued in the store with de-identified prefetch. The sync worker sends
 * them (its own store connection; retries on its own timer and with every
 * sync round); main queues a call and nudges the worker.
 */
export class CdsService {
  readonly #vault: Vault;
  readonly #now: () => number;
  readonly #fetch: typeof globalThis.fetch;
  readonly #worker: CdsDispatch;
  readonly #logger: Logger;

  constructor(options: { vault: Vault; worker: CdsDispatch; logger: Logger; now?: () => number; fetch?: typeof globalThis.fetch }) {
    this.#vault = options.vault;
    this.#worker = options.worker;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** Asks the worker to send the due calls now; resolves when that run is over. Nothing while the store is closed. */
  async dispatch(): Promise<DispatchReport> {
    if (!this.#vault.isOpen) return NOTHING_SENT;
    try {
      return (await this.#worker.dispatchCds(this.#now())) ?? NOTHING_SENT;
    } catch (error) {
      // The error's kind only: the log holds no server answers and no patient data.
      this.#logger.warn('CDS dispatch failed', { error: error instanceof Error ? error.name : 'unknown' });
      return NOTHING_SENT;
    }
  }

  /** After sign-in: calls queued before the app last closed go out (the worker starts for them). */
  async resumePending(): Promise<void> {
    if (this.#vault.isOpen && (await this.#store.cdsHasPending())) await this.dispatch();
  }

  listServers(): Promise<CdsServer[]> {
    return this.#store.cdsServers();
  }

  async saveServer(input: CdsServerInput): Promise<CdsServer> {
    const credential = input.credential === undefined ? undefined : input.credential === null ? null : new TextEncoder().encode(input.credential);
    try {
      return await this.#store.cdsSaveServer({ id: input.id ?? uuidv7(this.#now()), name: input.name, baseUrl: input.baseUrl, enabled: input.enabled, timeoutMs: input.timeoutMs, credential }, this.#now());
    } catch (error) {
      if (isStoreError(error) && error.details.reason === 'duplicate-url') {
        throw new AppError('CONFLICT', 'A service with this address is already configured.', { fields: [{ path: 'baseUrl', code: 'duplicate', message: 'Already configured' }] });
      }
      throw isStoreError(error) ? storeErrorToAppError(error) : error;
    }
  }

  async discover(id: string): Promise<CdsServer> {
    const connection = await this.#store.cdsConnection(id);
    if (!connection) throw new AppError('NOT_FOUND', 'No such CDS service.', { details: { reason: 'server-not-found' } });
    const outcome = await discoverServices(connection.baseUrl, connection.credential, connection.timeoutMs, this.#fetch);
    return this.#store.cdsRecordDiscovery(id, outcome, this.#now());
  }

  async request(session: Session, patientId: string, hook: CdsHook, encounterId: string | undefined): Promise<CdsAdvice> {
    try {
      await this.#store.cdsQueue(patientId, hook, encounterId ?? null, this.#audit(session, 'export'));
    } catch (error) {
      if (isStoreError(error) && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such patient.', { details: { reason: 'patient-not-found' } });
      throw isStoreError(error) ? storeErrorToAppError(error) : error;
    }
    // The first attempt usually answers quickly; a slow one goes on in the worker and the chart follows its status.
    await Promise.race([this.dispatch(), new Promise((resolve) => setTimeout(resolve, REQUEST_WAIT_MS).unref())]);
    return this.#store.cdsAdvice(patientId, null);
  }

  /** The patient's requests only (no card content): the chart polls it while a call is on its way. */
  status(patientId: string): Promise<CdsAdvice['requests']> {
    return this.#store.cdsRequests(patientId);
  }

  advice(session: Session, patientId: string): Promise<CdsAdvice> {
    return this.#store.cdsAdvice(patientId, this.#audit(session, 'record.read'));
  }

  async accept(session: Session, cardId: string, suggestion: number | undefined): Promise<CdsCardEntry> {
    const entry = await this.#store.cdsCard(cardId);
    if (!entry) throw notFound();
    const suggestions = entry.card.suggestions ?? [];
    const index = suggestion ?? (suggestions.length ? Math.max(0, suggestions.findIndex((s) => s.isRecommended)) : null);
    if (index !== null && index >= suggestions.length) throw new AppError('VALIDATION', 'No such suggestion.', { fields: [{ path: 'suggestion', code: 'notFound', message: 'No such suggestion' }] });
    const drafts = index === null ? [] : (suggestions[index]!.actions ?? []).flatMap((action) =>
      action.type === 'create' && action.resource && typeof action.resource.resourceType === 'string' ? [{ resourceType: action.resource.resourceType, resource: action.resource }] : [],
    );
    const decided = await this.#store.cdsDecide(cardId, { kind: 'accept', suggestion: index, drafts }, session.displayName, this.#audit(session, 'record.create'));
    if (!decided) throw notFound();
    return decided;
  }

  drafts(patientId: string): Promise<CdsDraft[]> {
    return this.#store.cdsDrafts(patientId);
  }

  /** A physician applies a draft, as reviewed, as the chart entry it proposes. */
  applyDraft(session: Session, draftId: string, entry: DraftEntry): Promise<CdsDraft> {
    return this.#review(() => this.#store.cdsApplyDraft(draftId, entry, session.displayName, this.#audit(session, 'record.update')));
  }

  discardDraft(session: Session, draftId: string, reason: string): Promise<CdsDraft> {
    return this.#review(() => this.#store.cdsDiscardDraft(draftId, reason, session.displayName, this.#audit(session, 'record.update')));
  }

  async #review(work: () => Promise<CdsDraft>): Promise<CdsDraft> {
    try {
      return await work();
    } catch (error) {
      if (isStoreError(error) && error.details.reason === 'draft-not-found') throw new AppError('NOT_FOUND', 'No such draft.', { details: { reason: 'draft-not-found' } });
      if (isStoreError(error) && error.details.reason === 'draft-reviewed') {
        throw new AppError('CONFLICT', 'This draft was reviewed already; reload the decision support.', { details: { reason: 'draft-reviewed' } });
      }
      throw chartFailure(error);
    }
  }

  async dismiss(session: Session, cardId: string, reason: string): Promise<CdsCardEntry> {
    const decided = await this.#store.cdsDecide(cardId, { kind: 'dismiss', reason }, session.displayName, this.#audit(session, 'record.update'));
    if (!decided) throw notFound();
    return decided;
  }

  get #store(): AnalyticsStore {
    return this.#vault.store.methods.analytics;
  }

  #audit(session: Session, action: 'export' | 'record.read' | 'record.create' | 'record.update') {
    const now = this.#now();
    return auditEntry(actorOf(session, now), action, {}, now);
  }
}

const notFound = () => new AppError('NOT_FOUND', 'No such card.', { details: { reason: 'card-not-found' } });
