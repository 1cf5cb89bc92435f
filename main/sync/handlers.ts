import type { Handlers } from '../platform/router.ts';
import type { SyncService } from './service.ts';

type SyncChannels = Extract<keyof Handlers, `sync.${string}`>;

export function syncHandlers(sync: SyncService): Pick<Handlers, SyncChannels> {
  return {
    'sync.status': () => sync.status(),
    'sync.pause': async () => (await sync.pause(), {}),
    'sync.resume': async () => (await sync.resume(), {}),
    'sync.now': async () => (await sync.syncNow(), {}),
    'sync.settings.save': (settings) => sync.saveSettings(settings),
    'sync.targets.save': (target) => sync.saveTarget(target),
    'sync.targets.test': (request) => sync.testTarget(request),
    'sync.enrolment.create': ({ passphrase }) => sync.createEnrolment(passphrase),
    'sync.enrolment.join': ({ file, passphrase }) => sync.join(file, passphrase),
    'sync.workstations.revoke': async ({ id }) => (await sync.revoke(id), {}),
  };
}
