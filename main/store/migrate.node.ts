import type Database from '@signalapp/sqlcipher';
import { StoreError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { fromSqliteError } from './sqlite-errors.ts';

export function schemaVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the schema up to the last migration, one transaction per step.
 * Refuses a database newer than the app: an older app would misread it.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new StoreError('DB_TOO_NEW', { schemaVersion: current, supported: latest });
  for (const migration of migrations.slice(current)) {
    try {
      db.transaction(() => {
        migration.up(db);
        // Inside the transaction: the version moves only if the step committed.
        db.exec(`PRAGMA user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new StoreError('MIGRATION_FAILED', { version: migration.version, sqlite: fromSqliteError(error).details.sqlite ?? 'none' }, { cause: error });
    }
  }
  return latest;
}
