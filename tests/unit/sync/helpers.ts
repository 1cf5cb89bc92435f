import type Database from '@signalapp/sqlcipher';
import { randomKey } from '../../../main/keys/crypto.ts';
import type { AuditInput } from '../../../main/audit/queries.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';
import { metaQueries } from '../../../main/store/queries/meta.node.ts';
import { saveTarget } from '../../../main/sync/targets.node.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** An in-memory-like encrypted store in a temp file, set up as workstation `id`. */
export function openStore(path: string, workstationId: string): Database {
  const db = openEncrypted(path, randomKey());
  migrate(db);
  db.transaction(() => metaQueries.initialize(db, { clinicName: 'Unit', workstationId, createdAt: Date.now() }))();
  return db;
}

/**
 * For a test file: opens workstations' stores that take batches from the test target `t` (applyBatch(db, 't', …)),
 * each test's in a temp folder of its own, closed and removed after the test.
 */
export function stationsPerTest(prefix: string): (workstationId: string) => Database {
  let dir = '';
  const stores: Database[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    for (const db of stores.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return (workstationId) => {
    const db = openStation(dir, workstationId);
    stores.push(db);
    return db;
  };
}

function openStation(dir: string, workstationId: string): Database {
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
