import type { AppInfo } from '../../preload/contract/app.ts';
import type { Handlers } from '../platform/router.ts';
import { runHealthChecks, type HealthProbe } from './health.ts';
import { PRODUCT } from './product.ts';

export function appInfo(initialized: boolean): AppInfo {
  return {
    ...PRODUCT,
    runtime: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    platform: process.platform,
    arch: process.arch,
    initialized,
  };
}

export function appHandlers(deps: { isInitialized: () => boolean; probes: readonly HealthProbe[] }): Pick<Handlers, 'app.info' | 'app.health'> {
  return {
    'app.info': () => appInfo(deps.isInitialized()),
    'app.health': () => runHealthChecks(deps.probes),
  };
}
