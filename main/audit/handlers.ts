import { AppError } from '../platform/errors.ts';
import type { Handlers } from '../platform/router.ts';
import { signedIn } from '../platform/router.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry, type AuditLog } from './audit-log.ts';
import { auditCsv } from './csv.ts';

export function auditHandlers(vault: Vault, audit: AuditLog): Pick<Handlers, 'audit.query' | 'audit.exportCsv' | 'audit.verify'> {
  return {
    'audit.query': ({ limit, offset, ...filter }) => vault.store.methods.audit.query(filter, limit, offset),
    'audit.exportCsv': async (filter, context) => {
      const entries = await vault.store.methods.audit.export(filter);
      if (!entries) throw new AppError('VALIDATION', 'Too many entries for one export; narrow the date range.');
      await audit.record(auditEntry(actorOf(signedIn(context)), 'export', { entityType: 'audit', detail: `${entries.length} entries` }));
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
      return { fileName: `audit-${stamp}.csv`, csv: auditCsv(entries) };
    },
    'audit.verify': () => vault.store.methods.audit.verify(),
  };
}
