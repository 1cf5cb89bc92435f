import type { ConnectionCheck, SyncProblemCode, SyncSettings, SyncStatus, TargetInput } from '../../preload/contract/sync.ts';
import type { Vault } from '../accounts/vault.ts';
import { KeyringError } from '../keys/errors.ts';
import type { KdfParams } from '../keys/kdf.ts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { isStoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { SyncController } from './controller.ts';
import { openEnrolment, sealEnrolment, sealEnrolmentToRecoveryKey, type EnrolmentPayload, type EnrolmentSecret } from './enrolment.ts';
import type { TargetReport } from './worker-protocol.ts';

/**
 * The Sync screen and the CLI's view of background sync: configuration in the
 * store, the worker thread through SyncController. The worker starts once the
 * store is open (first sign-in) and stops when the app closes.
 */
export class SyncService {
  readonly #vault: Vault;
  readonly #dbPath: string;
  readonly #blobRoot: string | undefined;
  readonly #now: () => number;
  readonly #kdf: KdfParams | undefined;
  readonly #forwarding: Forwarding | null;
  readonly controller: SyncController;

  /** `forwarding`: the PACS as a second target (main/imaging/pacs/forwarder.ts), shown and kicked with sync. */
  constructor(options: { vault: Vault; dbPath: string; blobRoot?: string; logger: Logger; onChange: () => void; now?: () => number; kdf?: KdfParams; forwarding?: Forwarding }) {
    this.#vault = options.vault;
    this.#forwarding = options.forwarding ?? null;
    this.#blobRoot = options.blobRoot;
    this.#kdf = options.kdf;
    this.#dbPath = options.dbPath;
    this.#now = options.now ?? Date.now;
    this.controller = new SyncController({ logger: options.logger, onChange: options.onChange });
  }

  /** Starts the worker if the store is open and the clinic has a target; harmless to call again. */
  async ensureStarted(): Promise<void> {
    if (this.controller.running || !this.#vault.isOpen) return;
    const overview = await this.#vault.store.methods.sync.overview();
    if (!overview.enrolled || overview.targets.length === 0) return;
    this.controller.start(this.#dbPath, this.#vault.dbKey, overview.settings, overview.paused, this.#blobRoot);
  }

  /**
   * CDS Hooks calls go out through the worker (main/analytics/cds), so it
   * starts for them even where sync is not set up; resolves with the run's
   * counts (null: the store is closed or the run failed).
   */
  async dispatchCds(now: number): ReturnType<SyncController['dispatchCds']> {
    if (!this.#vault.isOpen) return null;
    if (!this.controller.running) {
      const overview = await this.#vault.store.methods.sync.overview();
      this.controller.start(this.#dbPath, this.#vault.dbKey, overview.settings, overview.paused, this.#blobRoot);
    }
    return this.controller.dispatchCds(now);
  }

  async status(): Promise<SyncStatus> {
    const overview = await this.#vault.store.methods.sync.overview();
    const snapshot = this.controller.snapshot();
    const self = this.#vault.meta?.workstationId ?? '';
    return {
      enrolled: overview.enrolled,
      workstationId: self,
      // The worker may be running only to send CDS calls (dispatchCds): without a target, nothing syncs.
      state: overview.enrolled && overview.targets.length > 0 ? snapshot.state : 'stopped',
      transfer: snapshot.transfer,
      settings: overview.settings,
      recentErrors: snapshot.recentErrors,
      pacsForwarding: (await this.#forwarding?.status()) ?? [],
      targets: overview.targets.map((target) => {
        const last = snapshot.lastRounds.get(target.id);
        return {
          id: target.id,
          name: target.name,
          config: target.config,
          hasCredentials: target.hasCredentials,
          online: last ? last.report.error === null : null,
          lastSuccessAt: target.lastSuccessAt,
          stopped: target.stoppedCode ? stopped(target.stoppedCode, last?.report.error ?? null) : null,
          pendingChanges: target.pendingChanges,
          pendingBytes: target.pendingBytes,
          lastRound: last ? { at: last.at, pushed: last.report.pushed, pulled: last.report.pulled } : null,
        };
      }),
      workstations: [
        { id: self, name: '', self: true, nextObject: null, changesApplied: 0, lastPulledAt: null, revokedAt: null, blocked: null },
        ...overview.workstations.filter((workstation) => workstation.id !== self).map((workstation) => ({ ...workstation, self: false })),
      ],
    };
  }

  async pause(): Promise<void> {
    await this.#vault.store.methods.sync.setPaused(true);
    this.controller.pause();
  }

  async resume(): Promise<void> {
    await this.#vault.store.methods.sync.setPaused(false);
    await this.ensureStarted();
    this.controller.resume();
    this.#forwarding?.kick();
  }

  async syncNow(): Promise<void> {
    this.#forwarding?.kick({ retryStopped: true });
    await this.ensureStarted();
    void this.controller.syncNow();
  }

  /** One full round, waited for: the CLI's `sync-once`. */
  async syncOnce(): Promise<Awaited<ReturnType<SyncController['syncNow']>>> {
    await this.ensureStarted();
    if (!this.controller.running) throw new AppError('CONFLICT', 'Sync is not set up on this workstation: add a target first.');
    return this.controller.syncNow();
  }

  async saveSettings(settings: SyncSettings): Promise<SyncSettings> {
    const saved = await this.#vault.store.methods.sync.saveSettings(settings);
    this.controller.settings(saved);
    return saved;
  }

  async saveTarget(input: TargetInput): Promise<{ id: string }> {
    const id = input.id ?? uuidv7(this.#now());
    await this.#vault.store.methods.sync.saveTarget({ id, name: input.name, config: input.config, credentials: input.credentials }, this.#now());
    await this.ensureStarted();
    return { id };
  }

  /** A round already under way with the target ends with an error for it; the next round no longer sees it. */
  async removeTarget(id: string): Promise<void> {
    try {
      await this.#vault.store.methods.sync.removeTarget(id);
    } catch (error) {
      if (isStoreError(error, 'NOT_FOUND')) throw new AppError('NOT_FOUND', 'No such sync target.');
      throw error;
    }
  }

  async testTarget(request: { id?: string; config: TargetInput['config']; credentials: TargetInput['credentials'] }): Promise<{ checks: ConnectionCheck[] }> {
    const credentials = request.credentials ?? (request.id ? await this.#vault.store.methods.sync.credentials(request.id) : null);
    if (!credentials) throw new AppError('VALIDATION', 'Enter the access key and secret.', { fields: [{ path: 'credentials', code: 'required', message: 'Required' }] });
    // Loaded on use: the S3 client is large, and main and the CLI start without it.
    const { testConnection } = await import('./connection-test.ts');
    return { checks: await testConnection({ ...request.config, endpoint: request.config.endpoint || null }, credentials) };
  }

  /** Sealed under a passphrase, or (no secret to agree on) to this workstation's recovery key. */
  async createEnrolment(secret: { passphrase: string } | { sealTo: 'recoveryKey' }): Promise<{ file: string }> {
    const payload = await this.#vault.store.methods.sync.enrolmentPayload(this.#now());
    if (!payload || payload.targets.length === 0) throw new AppError('CONFLICT', 'Set up a sync target on this workstation first.');
    if ('sealTo' in secret) return { file: sealEnrolmentToRecoveryKey(payload, await (await this.#vault.keyring()).recoveryRecipient()) };
    return { file: await sealEnrolment(payload, secret.passphrase, this.#kdf) };
  }

  async join(file: string, secret: EnrolmentSecret): Promise<{ clinicName: string; targets: number }> {
    let payload: EnrolmentPayload | null;
    try {
      payload = await openEnrolment(file, secret);
    } catch (error) {
      if (error instanceof KeyringError) throw new AppError('VALIDATION', error.message, { fields: [{ path: 'recoveryKey', code: error.code, message: error.message }] });
      throw new AppError('VALIDATION', 'This is not an enrolment file.', { fields: [{ path: 'file', code: 'invalid', message: 'Not an enrolment file' }] });
    }
    if (!payload && 'recoveryKey' in secret) {
      throw new AppError('VALIDATION', 'This recovery key does not open this enrolment file.', { fields: [{ path: 'recoveryKey', code: 'wrong', message: 'Wrong recovery key' }] });
    }
    if (!payload) throw new AppError('VALIDATION', 'The passphrase does not open this enrolment file.', { fields: [{ path: 'passphrase', code: 'wrong', message: 'Wrong passphrase' }] });
    await this.#vault.store.methods.sync.join(payload, this.#now());
    await this.ensureStarted();
    return { clinicName: payload.clinicName, targets: payload.targets.length };
  }

  async revoke(id: string): Promise<void> {
    try {
      if (!(await this.#vault.store.methods.sync.revokeWorkstation(id, this.#now()))) throw new AppError('CONFLICT', 'A workstation cannot revoke itself.');
    } catch (error) {
      if (isStoreError(error, 'CONFLICT')) throw new AppError('CONFLICT', 'This workstation was revoked already.', { details: { reason: 'already-revoked' } });
      throw error;
    }
  }

  /** A replicated file (an image, a document) opened before it reached this workstation: true once it is here. */
  async fetchBlob(hash: string): Promise<boolean> {
    await this.ensureStarted();
    return this.controller.fetchBlob(hash);
  }

  close(): Promise<void> {
    return this.controller.stop();
  }
}

/** What the Sync screen needs of the PACS forwarder. */
interface Forwarding {
  status(): Promise<SyncStatus['pacsForwarding']>;
  kick(options?: { retryStopped?: boolean }): void;
}

/** A stopped target's code (from its row) with the detail of the round that stopped it, when this session saw it. */
function stopped(code: SyncProblemCode, lastError: TargetReport['error']): NonNullable<SyncStatus['targets'][number]['stopped']> {
  return { code, detail: lastError?.code === code ? lastError.detail : {} };
}
