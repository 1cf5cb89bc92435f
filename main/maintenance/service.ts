import type { Vault } from '../accounts/vault.ts';
import { contractFailures } from '../accounts/errors.ts';
import { auditEntry, type Actor, type AuditLog } from '../audit/audit-log.ts';
import { rotateDbKey } from '../keys/rotation.ts';
import type { DataPaths } from '../platform/data-dir.ts';
import { createBackup, restoreBackup, type BackupManifest } from '../store/backup.ts';

/** Runs work while nothing else holds the database open (the sync worker has its own connection and a copy of the key). */
export type ExclusiveAccess = <T>(work: () => Promise<T>) => Promise<T>;

/** Administrator operations on the whole store: backup, restore, key rotation. Each is audited. */
export class MaintenanceService {
  readonly #vault: Vault;
  readonly #audit: AuditLog;
  readonly #paths: DataPaths;
  readonly #exclusive: ExclusiveAccess;

  constructor(options: { vault: Vault; audit: AuditLog; paths: DataPaths; exclusive?: ExclusiveAccess }) {
    this.#vault = options.vault;
    this.#audit = options.audit;
    this.#paths = options.paths;
    this.#exclusive = options.exclusive ?? ((work) => work());
  }

  async backup(actor: Actor, destination: string): Promise<BackupManifest> {
    // Audited first, so the backup contains its own record.
    await this.#audit.record(auditEntry(actor, 'backup', { entityType: 'store' }));
    return contractFailures(() => createBackup(this.#vault.store, destination));
  }

  async restore(actor: Actor, source: string): Promise<{ schemaVersion: number }> {
    const keyring = await this.#vault.keyring();
    const info = await this.#exclusive(() =>
      contractFailures(() =>
        restoreBackup(this.#vault.store, source, {
          databasePath: this.#paths.database,
          retiredKey: (keyId) => keyring.retiredKey(this.#vault.dbKey, keyId),
        }),
      ),
    );
    await this.#audit.record(auditEntry(actor, 'restore', { entityType: 'store', detail: `schema ${info.schemaVersion}` }));
    return { schemaVersion: info.schemaVersion };
  }

  async rekey(actor: Actor): Promise<{ keyId: string }> {
    const keyring = await this.#vault.keyring();
    await this.#exclusive(async () => {
      const next = await contractFailures(() => rotateDbKey(this.#vault.store, keyring, this.#vault.dbKey));
      this.#vault.replaceKey(next);
    });
    await this.#audit.record(auditEntry(actor, 'rekey', { entityType: 'store' }));
    const { keyId } = await this.#vault.store.info();
    return { keyId: keyId ?? '' };
  }
}
