import type { CdsAdvice, CdsCardEntry, CdsDraft, CdsHook, CdsServer, CdsServerInput } from '../../../preload/contract/analytics.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import type { Logger } from '../../platform/logger.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/sessions.ts';
import { storeErrorToAppError } from '../../store/app-error.ts';
import { isStoreError } from '../../store/errors.ts';
import { uuidv7 } from '../../store/ids.ts';
import type { MethodsProxy } from '../../store/interface.ts';
import { discoverServices, dispatchPending, type DispatchReport } from './dispatch.ts';

/** How often queued calls are retried while the app runs. */
const DISPATCH_INTERVAL_MS = 15_000;

type AnalyticsStore = MethodsProxy['analytics'];

/**
 * CDS Hooks client: servers configured by an administrator, hook calls
 * queued in the store with de-identified prefetch, sent by `dispatchPending`.
 * For now main runs the dispatcher on a timer (and right after a call is
 * queued); the sync worker can run the same function with its own store.
 */
export class CdsService {
  readonly #vault: Vault;
  readonly #now: () => number;
  readonly #fetch: typeof globalThis.fetch;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | null = null;
  #dispatching: Promise<DispatchReport> | null = null;

  constructor(options: { vault: Vault; logger: Logger; now?: () => number; fetch?: typeof globalThis.fetch }) {
    this.#vault = options.vault;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  start(intervalMs = DISPATCH_INTERVAL_MS): void {
    this.#timer ??= setInterval(() => void this.dispatch(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One round of due calls; rounds never overlap (a call during a round runs another round after it). Nothing while the store is closed. */
  dispatch(): Promise<DispatchReport> {
    if (this.#dispatching) return this.#dispatching.then(() => this.dispatch());
    if (!this.#vault.isOpen) return Promise.resolve({ sent: 0, succeeded: 0, failed: 0 });
    const round = dispatchPending(this.#vault.store.methods, this.#fetch, this.#now())
      .catch((error: unknown) => {
        // The error's kind only: the log holds no server answers and no patient data.
        this.#logger.warn('CDS dispatch round failed', { error: error instanceof Error ? error.name : 'unknown' });
        return { sent: 0, succeeded: 0, failed: 0 };
      })
      .finally(() => (this.#dispatching = null));
    this.#dispatching = round;
    return round;
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
    await this.dispatch();
    return this.#store.cdsAdvice(patientId, null);
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
