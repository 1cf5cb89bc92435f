import { accountHandlers } from '../accounts/handlers.ts';
import { AccountService } from '../accounts/service.ts';
import { Vault } from '../accounts/vault.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { auditHandlers } from '../audit/handlers.ts';
import type { KeyringOptions } from '../keys/keyring.ts';
import { maintenanceHandlers } from '../maintenance/handlers.ts';
import { MaintenanceService } from '../maintenance/service.ts';
import { NO_DIALOGS, type FileDialogs } from '../platform/dialogs.ts';
import { patientHandlers } from '../patients/handlers.ts';
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
  const maintenance = new MaintenanceService({ vault, audit, paths });

  const router = new Router({
    sessions,
    logger: logger.child('router'),
    handlers: {
      ...appHandlers({ isInitialized: () => vault.initialized, probes: [dataDirWritableProbe(paths.root), diskSpaceProbe(paths.root)] }),
      ...settingsHandlers(settings),
      ...accountHandlers(accounts, sessions),
      ...auditHandlers(vault, audit),
      ...maintenanceHandlers(maintenance, options.dialogs ?? NO_DIALOGS, sessions),
      ...patientHandlers(new PatientService({ vault, now })),
      ...scheduleHandlers(new ScheduleService({ vault, now })),
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
    router,
    logger,
    close: async () => {
      clearInterval(sweeper);
      await vault.close();
    },
  };
}
