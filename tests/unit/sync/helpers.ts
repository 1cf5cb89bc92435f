import type Database from '@signalapp/sqlcipher';
import { randomKey } from '../../../main/keys/crypto.ts';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { metaQueries } from '../../../main/store/queries/meta.node.ts';

/** An in-memory-like encrypted store in a temp file, set up as workstation `id`. */
export function openStore(path: string, workstationId: string): Database {
  const db = openEncrypted(path, randomKey());
  migrate(db);
  db.transaction(() => metaQueries.initialize(db, { clinicName: 'Unit', workstationId, createdAt: Date.now() }))();
  return db;
}

export const audit = (action = 'record.create', at = Date.now()): AuditInput => ({
  at,
  userId: null,
  username: 'unit',
  role: 'admin',
  action,
  entityType: null,
  entityId: null,
  patientId: null,
  outcome: 'success',
  breakGlass: false,
  detail: null,
});
