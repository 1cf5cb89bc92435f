import { randomUUID } from 'node:crypto';
import type Database from '@signalapp/sqlcipher';
import type { CdsHook } from '../../../preload/contract/analytics.ts';
import type { AuditInput } from '../../audit/queries.node.ts';
import { StoreError } from '../../store/errors.ts';
import { deidentifiedChart } from '../deidentify/deidentified-chart.node.ts';
import { pseudonymousId } from '../deidentify/deidentify-bundle.ts';
import { hookRequest } from './hook-request.ts';
import { enqueueCalls, type QueuedCall } from './requests.node.ts';
import { listServers } from './servers.node.ts';

/**
 * Queues one call per enabled service offering `hook`, each with the
 * de-identified prefetch it asked for, in one transaction with the chart
 * read's audit entry (an export: the chart leaves the workstation).
 * Returns how many calls were queued.
 */
export function queueHookCalls(db: Database, patientId: string, hook: CdsHook, encounterId: string | null, audit: AuditInput): number {
  const targets = listServers(db).flatMap((server) => (server.enabled ? server.services.filter((service) => service.hook === hook).map((service) => ({ server, service })) : []));
  if (targets.length === 0) return 0;
  // A fresh salt per call: the services cannot link two calls about the same patient.
  const salt = randomUUID();
  const chart = deidentifiedChart(db, patientId, { ...audit, detail: `CDS Hooks ${hook} prefetch, de-identified` }, salt);
  if (!chart) throw new StoreError('NOT_FOUND', { reason: 'patient-not-found' });
  const calls: QueuedCall[] = targets.map(({ server, service }) => ({
    serverId: server.id,
    serviceId: service.id,
    hook,
    body: hookRequest({
      hook,
      hookInstance: randomUUID(),
      service,
      bundle: chart.bundle,
      patientPseudonym: chart.patientPseudonym,
      encounterPseudonym: encounterId ? chart.pseudonym(encounterId) : null,
      userPseudonym: pseudonymousId(salt, audit.userId ?? 'system'),
    }),
  }));
  return enqueueCalls(db, patientId, calls, audit.at, audit.userId);
}
