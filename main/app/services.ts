import { existsSync } from 'node:fs';
import { ensureDataDir, type DataPaths } from '../platform/data-dir.ts';
import { EventHub } from '../platform/events.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { Router } from '../platform/router.ts';
import { SessionRegistry } from '../platform/sessions.ts';
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
}

/** Everything main serves, without Electron: the shell, the CLI and the tests all build it here. */
export interface Services {
  readonly paths: DataPaths;
  readonly events: EventHub;
  readonly sessions: SessionRegistry;
  readonly settings: SettingsService;
  readonly router: Router;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function createServices(options: ServiceOptions): Promise<Services> {
  const paths = ensureDataDir(options.dataDir);
  const logger = options.logger ?? createLogger('main');
  const events = new EventHub();
  const settings = new SettingsService(options.settingsBackend(paths));
  const sessions = new SessionRegistry({ events, idleLockMinutes: settings.read().policy.idleLockMinutes });
  settings.onChange((next) => {
    sessions.setIdleLockMinutes(next.policy.idleLockMinutes);
    events.emit('settings.changed', {});
  });

  const router = new Router({
    sessions,
    logger: logger.child('router'),
    handlers: {
      ...appHandlers({ isInitialized: () => existsSync(paths.keyring), probes: [dataDirWritableProbe(paths.root), diskSpaceProbe(paths.root)] }),
      ...settingsHandlers(settings),
    },
  });

  // Idle sessions lock even when nobody calls anything.
  const sweeper = setInterval(() => sessions.sweep(), IDLE_SWEEP_MS);
  sweeper.unref();

  return {
    paths,
    events,
    sessions,
    settings,
    router,
    logger,
    close: async () => {
      clearInterval(sweeper);
    },
  };
}
