import type Database from '@signalapp/sqlcipher';
import { randomKey } from '../../../main/keys/crypto.ts';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { metaQueries } from '../../../main/store/queries/meta.node.ts';
import { saveTarget } from '../../../main/sync/targets.node.ts';
import { join } from 'node:path';

/** An in-memory-like encrypted store in a temp file, set up as workstation `id`. */
export function openStore(path: string, workstationId: string): Database {
  const db = openEncrypted(path, randomKey());
  migrate(db);
  db.transaction(() => metaQueries.initialize(db, { clinicName: 'Unit', workstationId, createdAt: Date.now() }))();
  return db;
}

/** A workstation's store in `dir` that takes batches from the test target `t` (applyBatch(db, 't', …)). */
export function openStation(dir: string, workstationId: string): Database {
  const db = openStore(join(dir, `${workstationId}.db`), workstationId);
  const config = { endpoint: null, region: 'us-east-1', bucket: 'b', prefix: '', forcePathStyle: true };
  db.transaction(() => saveTarget(db, { id: 't', name: 'T', config, credentials: null }, 1))();
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
