import type { AuditAction } from '../../preload/contract/audit-actions.ts';
import { actorOf, auditEntry, type AuditLog } from '../audit/audit-log.ts';
import type { HandlerContext, Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { SyncService } from './service.ts';

type SyncChannels = Extract<keyof Handlers, `sync.${string}`>;

/**
 * Sync administration is audited, refused attempts too (a wrong enrolment
 * passphrase is worth knowing about). Details name targets and workstations
 * by id, never a credential or a passphrase.
 */
export function syncHandlers(sync: SyncService, audit: AuditLog, now: () => number = Date.now): Pick<Handlers, SyncChannels> {
  const audited = async <T>(context: HandlerContext, action: AuditAction, detail: string | undefined, work: () => Promise<T>, entityId?: (result: T) => string): Promise<T> => {
    const actor = actorOf(signedIn(context), now());
    try {
      const result = await work();
      await audit.record(auditEntry(actor, action, { entityType: 'sync', entityId: entityId?.(result), detail }, now()));
      return result;
    } catch (error) {
      await audit.record(auditEntry(actor, action, { entityType: 'sync', outcome: 'failure', detail }, now()));
      throw error;
    }
  };
  return {
    'sync.status': () => sync.status(),
    'sync.pause': (_request, context) => audited(context, 'sync.pause', undefined, async () => (await sync.pause(), {})),
    'sync.resume': (_request, context) => audited(context, 'sync.resume', undefined, async () => (await sync.resume(), {})),
    'sync.now': async () => (await sync.syncNow(), {}),
    'sync.settings.save': (settings, context) =>
      audited(context, 'sync.settings', `interval ${settings.intervalMinutes} min, limit ${settings.bandwidthKiBps ?? 'none'}, window ${settings.window ? `${settings.window.fromMinute}-${settings.window.toMinute}` : 'none'}`, () =>
        sync.saveSettings(settings),
      ),
    'sync.targets.save': (target, context) =>
      audited(context, 'sync.target.save', `${target.id ? 'changed' : 'added'}${target.credentials ? ', new credentials' : ''}`, () => sync.saveTarget(target), (result) => result.id),
    'sync.targets.remove': ({ id }, context) => audited(context, 'sync.target.remove', undefined, async () => (await sync.removeTarget(id), {}), () => id),
    'sync.targets.test': (request) => sync.testTarget(request),
    'sync.enrolment.create': (request, context) =>
      audited(context, 'sync.enrolment.create', 'sealTo' in request ? 'sealed to the recovery key' : 'sealed under a passphrase', () => sync.createEnrolment(request)),
    'sync.enrolment.join': ({ file, ...secret }, context) =>
      audited(context, 'sync.enrolment.join', 'recoveryKey' in secret ? 'opened with a recovery key' : 'opened with a passphrase', () => sync.join(file, secret)),
    'sync.workstations.revoke': ({ id }, context) => audited(context, 'sync.workstation.revoke', undefined, async () => (await sync.revoke(id), {}), () => id),
  };
}
