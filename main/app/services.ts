import { accountHandlers } from '../accounts/handlers.ts';
import { AccountService } from '../accounts/service.ts';
import { Vault } from '../accounts/vault.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { analyticsHandlers } from '../analytics/handlers.ts';
import { AnalyticsService } from '../analytics/service.ts';
import { CdsService } from '../analytics/cds/service.ts';
import { DatasetExport } from '../analytics/export/dataset-export.ts';
import { chartHandlers } from '../chart/handlers.ts';
import { ChartService } from '../chart/service.ts';
import { auditHandlers } from '../audit/handlers.ts';
import type { KeyringOptions } from '../keys/keyring.ts';
import { maintenanceHandlers } from '../maintenance/handlers.ts';
import { fhirHandlers } from '../fhir/handlers.ts';
import { FhirService } from '../fhir/service.ts';
import { FhirWorker } from '../fhir/worker-client.ts';
import { Files } from '../files/files.ts';
import { imagingHandlers } from '../imaging/handlers.ts';
import { importHandlers } from '../imaging/import/handlers.ts';
import { ImportService } from '../imaging/import/import-service.ts';
import { pacsHandlers } from '../imaging/pacs/handlers.ts';
import { exportHandlers } from '../imaging/export/handlers.ts';
import { ExportService } from '../imaging/export/export-service.ts';
import { PacsForwarder } from '../imaging/pacs/forwarder.ts';
import { PacsService } from '../imaging/pacs/pacs-service.ts';
import { instanceMediaRoute } from '../imaging/media-route.ts';
import { ImagingService } from '../imaging/service.ts';
import { createMediaHandler, type MediaHandler } from '../media/handler.ts';
import { MediaTokens } from '../media/tokens.ts';
import { MaintenanceService } from '../maintenance/service.ts';
import { NO_DIALOGS, type FileDialogs } from '../platform/dialogs.ts';
import { patientHandlers } from '../patients/handlers.ts';
import { PatientImportService } from '../patients/import/service.ts';
import { PatientService } from '../patients/service.ts';
import { ensureDataDir, type DataPaths } from '../platform/data-dir.ts';
import { EventHub } from '../platform/events.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { Router } from '../platform/router.ts';
import { SessionRegistry } from '../platform/sessions.ts';
import { scheduleHandlers } from '../schedule/handlers.ts';
import { ScheduleService } from '../schedule/service.ts';
import { settingsHandlers } from '../settings/handlers.ts';
import { SettingsService, type SettingsBackend } from '../settings/settings.ts';
import { syncHandlers } from '../sync/handlers.ts';
import { SyncService } from '../sync/service.ts';
import { appHandlers } from './handlers.ts';
import { dataDirWritableProbe, diskSpaceProbe } from './health.ts';

const IDLE_SWEEP_MS = 15_000;

export interface ServiceOptions {
  dataDir: string;
  /** `electron-store` in the shell, `conf` in the CLI and tests: both open the same settings file. */
  settingsBackend: (paths: DataPaths) => SettingsBackend;
  logger?: Logger;
  /** The shell's OS binding of the keyring (safeStorage), scrypt cost for tests. */
  keyringOptions?: KeyringOptions;
  /** Native file choosers from the shell; none in the CLI. */
  dialogs?: FileDialogs;
  /** Tests move time forward to reach idle locks and lockouts without waiting. */
  clock?: { now: () => number; idleSweepMs?: number };
}

/** Everything main serves, without Electron: the shell, the CLI and the tests all build it here. */
export interface Services {
  readonly paths: DataPaths;
  readonly events: EventHub;
  readonly sessions: SessionRegistry;
  readonly settings: SettingsService;
  readonly vault: Vault;
  readonly accounts: AccountService;
  readonly audit: AuditLog;
  readonly maintenance: MaintenanceService;
  /** CDS Hooks client: main queues calls, the sync worker sends them. */
  readonly cds: CdsService;
  /** The de-identified dataset export (analytics), also run by `cli export-dataset`. */
  readonly dataset: DatasetExport;
  /** The encrypted file store (main/files). */
  readonly files: Files;
  /** `/media/…` for the app scheme and the E2E harness (main/media/handler.ts). */
  readonly media: MediaHandler;
  /** DICOM import (main/imaging/import), also run by `cli import`. */
  readonly imports: ImportService;
  /** Background sync (main/sync): the worker thread and its configuration, also run by `cli sync-once`. */
  readonly sync: SyncService;
  readonly forwarder: PacsForwarder;
  readonly router: Router;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function createServices(options: ServiceOptions): Promise<Services> {
  const paths = ensureDataDir(options.dataDir);
  const logger = options.logger ?? createLogger('main');
  const events = new EventHub();
  const settings = new SettingsService(options.settingsBackend(paths));
  const now = options.clock?.now ?? Date.now;
  const sessions = new SessionRegistry({ events, idleLockMinutes: settings.read().policy.idleLockMinutes, now });
  settings.onChange((next) => {
    sessions.setIdleLockMinutes(next.policy.idleLockMinutes);
    events.emit('settings.changed', {});
  });

  const vault = new Vault({ paths, logger, keyringOptions: { now, ...options.keyringOptions } });
  const audit = new AuditLog(vault, logger.child('audit'));
  const accounts = new AccountService({ vault, sessions, audit, settings, now });
  // Files stored on another workstation come through the sync worker (declared below; called only later).
  const files = new Files({ vault, paths, fetch: (hash): Promise<boolean> => sync.fetchBlob(hash) });
  const mediaTokens = new MediaTokens({ sessions, now });
  const imaging = new ImagingService({ vault, tokens: mediaTokens, now });
  const forwarder = new PacsForwarder({ vault, files, logger: logger.child('pacs-forward'), now });
  const imports = new ImportService({ vault, files, events, logger: logger.child('imaging'), now, afterImport: () => forwarder.kick() });
  const sync = new SyncService({
    forwarding: forwarder,
    vault,
    dbPath: paths.database,
    blobRoot: files.root,
    logger: logger.child('sync'),
    now,
    kdf: options.keyringOptions?.kdf,
    onChange: () => {
      const { state, transfer } = sync.controller.snapshot();
      events.emit('sync.changed', { state, transfer: transfer && { direction: transfer.direction, object: transfer.object, bytes: transfer.bytes } });
    },
  });
  // Restore and key rotation swap the database or its key under the worker: it stops first and starts again after.
  const maintenance = new MaintenanceService({
    vault,
    audit,
    paths,
    exclusive: async (work) => {
      await sync.close();
      try {
        return await work();
      } finally {
        void sync.ensureStarted().catch((error: unknown) => logger.error('sync-start-failed', error));
      }
    },
  });
  // Accounts replicated from other workstations: the keyring follows, and revoked sessions end.
  sync.controller.onAccountsChanged(() => void accounts.reconcileKeyring().catch((error: unknown) => logger.error('keyring-reconcile-failed', error)));
  // Once a sign-in has opened the store: the worker starts, and studies queued for a PACS before the app last closed go out.
  events.attach((_target, event) => {
    if (event !== 'session.changed' || !vault.isOpen) return;
    void sync.ensureStarted().catch((error: unknown) => logger.error('sync-start-failed', error));
    forwarder.kick();
  });
  const media = createMediaHandler({ tokens: mediaTokens, routes: [instanceMediaRoute({ vault, files })] });

  const fhirWorker = new FhirWorker();
  const analytics = new AnalyticsService({ vault, events, now });
  const cds = new CdsService({ vault, worker: sync, logger: logger.child('cds'), now });
  // Calls queued before the app last closed go out once a sign-in opens the store.
  events.attach((_target, event) => {
    if (event === 'session.changed' && vault.isOpen) void cds.resumePending().catch((error: unknown) => logger.error('cds-resume-failed', error));
  });
  const dataset = new DatasetExport({ vault, now });

  const router = new Router({
    sessions,
    logger: logger.child('router'),
    handlers: {
      ...appHandlers({ isInitialized: () => vault.initialized, probes: [dataDirWritableProbe(paths.root), diskSpaceProbe(paths.root)] }),
      ...settingsHandlers(settings),
      ...accountHandlers(accounts, sessions),
      ...auditHandlers(vault, audit),
      ...maintenanceHandlers(maintenance, options.dialogs ?? NO_DIALOGS, sessions),
      ...patientHandlers(new PatientService({ vault, now }), new PatientImportService({ vault, dialogs: options.dialogs ?? NO_DIALOGS, now })),
      ...scheduleHandlers(new ScheduleService({ vault, now })),
      ...chartHandlers(new ChartService({ vault, files, dialogs: options.dialogs ?? NO_DIALOGS, now })),
      ...fhirHandlers(new FhirService({ vault, files, dialogs: options.dialogs ?? NO_DIALOGS, worker: fhirWorker, logger: logger.child('fhir'), now })),
      ...imagingHandlers(imaging),
      ...importHandlers(imports, options.dialogs ?? NO_DIALOGS),
      ...pacsHandlers(new PacsService({ vault, files, imports, events, logger: logger.child('pacs'), now, afterSave: () => forwarder.kick({ retryStopped: true }) })),
      ...exportHandlers(new ExportService({ vault, imports, files, now }), options.dialogs ?? NO_DIALOGS),
      ...syncHandlers(sync, audit, now),
      ...analyticsHandlers(analytics, cds, dataset, options.dialogs ?? NO_DIALOGS),
    },
  });

  // Idle sessions lock even when nobody calls anything.
  sessions.onIdleLock((session) => void accounts.recordIdleLock(session));
  const sweeper = setInterval(() => sessions.sweep(), options.clock?.idleSweepMs ?? IDLE_SWEEP_MS);
  sweeper.unref();

  return {
    paths,
    events,
    sessions,
    settings,
    vault,
    accounts,
    audit,
    maintenance,
    cds,
    dataset,
    files,
    media,
    imports,
    sync,
    forwarder,
    router,
    logger,
    close: async () => {
      clearInterval(sweeper);
      analytics.close();
      await fhirWorker.close();
      await forwarder.close();
      await sync.close();
      // Accounts the last round changed reach the keyring before the store closes (the CLI quits right after a round).
      await accounts.reconcileKeyring().catch((error: unknown) => logger.error('keyring-reconcile-failed', error));
      await vault.close();
    },
  };
}
