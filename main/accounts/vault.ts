import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Keyring, type KeyringOptions, type Unlocked } from '../keys/keyring.ts';
import { openUnlockedStore } from '../keys/rotation.ts';
import type { DataPaths } from '../platform/data-dir.ts';
import type { Logger } from '../platform/logger.ts';
import { StoreClient } from '../store/client.ts';
import { uuidv7 } from '../store/ids.ts';
import type { ClinicMeta } from '../store/queries/meta.node.ts';
import { storeLocked } from './errors.ts';
import type { AuditInput } from '../audit/queries.node.ts';
import type { UserRecord } from './queries.node.ts';

export interface FirstAdministrator {
  clinicName: string;
  username: string;
  displayName: string;
  password: string;
}

/**
 * The record store and the keyring that opens it. The store is closed until
 * the first sign-in of the session supplies the database key, then stays
 * open until the app quits (background sync needs it); the key itself lives
 * only in this object and in the store worker.
 */
export class Vault {
  readonly #paths: DataPaths;
  readonly #logger: Logger;
  readonly #keyringOptions: KeyringOptions;
  #keyring: Keyring | null = null;
  #store: StoreClient | null = null;
  #dbKey: Buffer | null = null;
  #meta: ClinicMeta | null = null;
  #opening: Promise<void> | null = null;

  constructor(options: { paths: DataPaths; logger: Logger; keyringOptions?: KeyringOptions }) {
    this.#paths = options.paths;
    this.#logger = options.logger;
    this.#keyringOptions = options.keyringOptions ?? {};
  }

  get initialized(): boolean {
    return existsSync(this.#paths.keyring);
  }

  get isOpen(): boolean {
    return this.#store !== null && this.#dbKey !== null;
  }

  get meta(): ClinicMeta | null {
    return this.#meta;
  }

  /** The open store; a locked vault refuses with a clear error. */
  get store(): StoreClient {
    if (!this.#store || !this.#dbKey) throw storeLocked();
    return this.#store;
  }

  /** The database key, for keyring operations only an unlocked administrator may perform. */
  get dbKey(): Buffer {
    if (!this.#dbKey) throw storeLocked();
    return this.#dbKey;
  }

  async keyring(): Promise<Keyring> {
    this.#keyring ??= await Keyring.open(this.#paths.keyring, this.#keyringOptions);
    return this.#keyring;
  }

  /**
   * First run. Creates the keyring, the database and the first administrator;
   * if any step fails, removes what it made so setup can simply be retried.
   */
  async initialize(first: FirstAdministrator, setupAudit: (admin: Pick<UserRecord, 'id' | 'username' | 'role'>) => AuditInput): Promise<{ recoveryKey: string; admin: UserRecord }> {
    const userId = uuidv7();
    const created = await Keyring.create(this.#paths.keyring, { userId, username: first.username, password: first.password }, this.#keyringOptions);
    try {
      await this.#openWith(created.dbKey, created.keyring, true);
      this.#keyring = created.keyring;
      const store = this.store;
      this.#meta = await store.methods.meta.initialize({ clinicName: first.clinicName, workstationId: uuidv7(), createdAt: Date.now() });
      const draft = { id: userId, username: first.username, displayName: first.displayName, role: 'admin' as const };
      const credential = (await created.keyring.credentials(created.dbKey)).get(userId)!;
      const admin = await store.methods.users.create(draft, credential, setupAudit(draft));
      return { recoveryKey: created.recoveryKey, admin };
    } catch (error) {
      await this.close();
      this.#keyring = null;
      await Promise.all(
        [this.#paths.keyring, this.#paths.database, `${this.#paths.database}-wal`, `${this.#paths.database}-shm`].map((file) => rm(file, { force: true })),
      );
      throw error;
    }
  }

  /** Checks a password against the keyring and opens the store with the key it yields, if not open yet. */
  async unlockWithPassword(username: string, password: string): Promise<Unlocked> {
    const unlocked = await (await this.keyring()).unlockWithPassword(username, password);
    await this.openWith(unlocked.dbKey);
    return unlocked;
  }

  async openWith(dbKey: Buffer): Promise<void> {
    if (this.isOpen) return;
    this.#opening ??= this.keyring()
      .then((keyring) => this.#openWith(dbKey, keyring, false))
      .finally(() => {
      this.#opening = null;
    });
    await this.#opening;
  }

  async #openWith(dbKey: Buffer, keyring: Keyring, create: boolean): Promise<void> {
    const store = new StoreClient({ logger: this.#logger.child('store') });
    try {
      const { key } = await openUnlockedStore(store, keyring, dbKey, { path: this.#paths.database, create });
      this.#store = store;
      this.#dbKey = key;
      this.#meta = await store.methods.meta.get();
    } catch (error) {
      await store.terminate();
      throw error;
    }
  }

  /** The key in force changed (rotation); the store already uses it. */
  replaceKey(dbKey: Buffer): void {
    this.#dbKey = dbKey;
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    this.#dbKey = null;
    this.#meta = null;
    await store?.terminate();
  }
}
