import type { Vault } from '../accounts/vault.ts';
import { contractFailures } from '../accounts/errors.ts';
import { auditEntry, type Actor, type AuditLog } from '../audit/audit-log.ts';
import { rotateDbKey } from '../keys/rotation.ts';
import type { DataPaths } from '../platform/data-dir.ts';
import { createBackup, restoreBackup, type BackupManifest } from '../store/backup.ts';

/** Administrator operations on the whole store: backup, restore, key rotation. Each is audited. */
export class MaintenanceService {
  readonly #vault: Vault;
  readonly #audit: AuditLog;
  readonly #paths: DataPaths;

  constructor(options: { vault: Vault; audit: AuditLog; paths: DataPaths }) {
    this.#vault = options.vault;
    this.#audit = options.audit;
    this.#paths = options.paths;
  }

  async backup(actor: Actor, destination: string): Promise<BackupManifest> {
    // Audited first, so the backup contains its own record.
    await this.#audit.record(auditEntry(actor, 'backup', { entityType: 'store' }));
    return contractFailures(() => createBackup(this.#vault.store, destination));
  }

  async restore(actor: Actor, source: string): Promise<{ schemaVersion: number }> {
    const keyring = await this.#vault.keyring();
    const info = await contractFailures(() =>
      restoreBackup(this.#vault.store, source, {
        databasePath: this.#paths.database,
        retiredKey: (keyId) => keyring.retiredKey(this.#vault.dbKey, keyId),
      }),
    );
    await this.#audit.record(auditEntry(actor, 'restore', { entityType: 'store', detail: `schema ${info.schemaVersion}` }));
    return { schemaVersion: info.schemaVersion };
  }

  async rekey(actor: Actor): Promise<{ keyId: string }> {
    const keyring = await this.#vault.keyring();
    const next = await contractFailures(() => rotateDbKey(this.#vault.store, keyring, this.#vault.dbKey));
    this.#vault.replaceKey(next);
    await this.#audit.record(auditEntry(actor, 'rekey', { entityType: 'store' }));
    const { keyId } = await this.#vault.store.info();
    return { keyId: keyId ?? '' };
  }
}
