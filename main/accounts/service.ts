import type { Account } from '../../preload/contract/accounts.ts';
import type { Role } from '../../preload/contract/roles.ts';
import type { SessionView } from '../../preload/contract/session.ts';
import { actorOf, auditEntry, NO_ACTOR, type Actor, type AuditLog } from '../audit/audit-log.ts';
import { KeyringError } from '../keys/errors.ts';
import type { Keyring } from '../keys/keyring.ts';
import { AppError } from '../platform/errors.ts';
import type { Session, SessionRegistry } from '../platform/sessions.ts';
import type { SettingsService } from '../settings/settings.ts';
import { isStoreError } from '../store/errors.ts';
import { uuidv7 } from '../store/ids.ts';
import { contractFailures, toAppError } from './errors.ts';
import type { UserPatch, UserRecord } from './queries.node.ts';
import type { FirstAdministrator, Vault } from './vault.ts';

/** How long emergency (break-glass) access lasts before it must be asked for again. */
export const BREAK_GLASS_MINUTES = 60;

const wrongCredentials = () => new AppError('UNAUTHENTICATED', 'The username or password is incorrect.');

/**
 * Sign-in, locking and staff accounts. Passwords are checked by the keyring
 * (which also opens the store); roles and the disabled flag live in the store.
 */
export class AccountService {
  readonly #vault: Vault;
  readonly #sessions: SessionRegistry;
  readonly #audit: AuditLog;
  readonly #settings: SettingsService;
  readonly #now: () => number;
  /** One keyring reconciliation at a time; sign-ins wait for the one in flight. */
  #reconciling: Promise<void> = Promise.resolve();

  constructor(options: { vault: Vault; sessions: SessionRegistry; audit: AuditLog; settings: SettingsService; now?: () => number }) {
    this.#vault = options.vault;
    this.#sessions = options.sessions;
    this.#audit = options.audit;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
  }

  view(session: Session | null): SessionView {
    return {
      state: session ? session.state : 'signedOut',
      user: session ? { id: session.userId, username: session.username, displayName: session.displayName, role: session.role } : null,
      clinicName: this.#vault.meta?.clinicName ?? null,
      idleLockMinutes: this.#settings.read().policy.idleLockMinutes,
      breakGlassUntil: session && (session.breakGlassUntil ?? 0) > this.#now() ? session.breakGlassUntil : null,
    };
  }

  async initialize(first: FirstAdministrator): Promise<{ recoveryKey: string }> {
    if (this.#vault.initialized) throw new AppError('CONFLICT', 'This workstation is already set up.');
    return contractFailures(async () => {
      const { recoveryKey } = await this.#vault.initialize(first, (admin) =>
        auditEntry({ userId: admin.id, username: admin.username, role: admin.role, breakGlass: false }, 'setup', { entityType: 'clinic' }, this.#now()),
      );
      return { recoveryKey };
    });
  }

  async confirmRecoveryKey(recoveryKey: string): Promise<void> {
    await contractFailures(async () => {
      await (await this.#vault.keyring()).unlockWithRecoveryKey(recoveryKey);
    });
  }

  async login(connectionId: string, username: string, password: string): Promise<SessionView> {
    this.#requireInitialized();
    await this.#reconciling;
    let userId: string;
    try {
      ({ userId } = await this.#vault.unlockWithPassword(username, password));
    } catch (error) {
      if (error instanceof KeyringError && error.code === 'ACCOUNT_DISABLED') {
        await this.#audit.record(auditEntry({ ...NO_ACTOR, username }, 'login', { outcome: 'denied', detail: 'account disabled' }, this.#now()));
        throw accountDisabled();
      }
      await this.#recordFailure('login.failed', username, error);
      throw this.#credentialFailure(error);
    }
    await this.#audit.flush();
    // The first sign-in opened the store: accounts replicated or changed since the keyring was last in line take effect now.
    await this.reconcileKeyring();
    const user = await this.#vault.store.methods.users.get(userId);
    if (!user || user.disabled) {
      await this.#audit.record(auditEntry(this.#actorFor(user, username), 'login', { outcome: 'denied', detail: 'account disabled' }, this.#now()));
      throw accountDisabled();
    }
    this.#sessions.end(connectionId);
    const session = this.#sessions.start(connectionId, { userId: user.id, username: user.username, displayName: user.displayName, role: user.role });
    await this.#audit.record(auditEntry(actorOf(session), 'login', {}, this.#now()));
    return this.view(session);
  }

  async logout(session: Session): Promise<SessionView> {
    await this.#audit.record(auditEntry(actorOf(session), 'logout', {}, this.#now()));
    this.#sessions.end(session.connectionId);
    return this.view(null);
  }

  async lock(session: Session): Promise<SessionView> {
    this.#sessions.lock(session);
    await this.#audit.record(auditEntry(actorOf(session), 'lock', {}, this.#now()));
    return this.view(session);
  }

  /** Locks made by the idle timer are audited too. */
  async recordIdleLock(session: Session): Promise<void> {
    await this.#audit.record(auditEntry(actorOf(session), 'lock', { detail: 'idle' }, this.#now()));
  }

  async unlock(session: Session, password: string): Promise<SessionView> {
    await this.#reconciling;
    try {
      await (await this.#vault.keyring()).unlockWithPassword(session.username, password);
    } catch (error) {
      await this.#audit.record(auditEntry(actorOf(session), 'unlock.failed', { outcome: 'failure' }, this.#now()));
      throw this.#credentialFailure(error);
    }
    this.#sessions.unlock(session);
    await this.#audit.record(auditEntry(actorOf(session), 'unlock', {}, this.#now()));
    return this.view(session);
  }

  /**
   * The user key is sealed under the new password; the store takes the new
   * credential first (it replicates it), then the keyring follows it.
   */
  async changePassword(session: Session, currentPassword: string, newPassword: string): Promise<void> {
    let rewrapped: Awaited<ReturnType<Keyring['rewrap']>>;
    try {
      rewrapped = await (await this.#vault.keyring()).rewrap(session.username, currentPassword, newPassword);
    } catch (error) {
      await this.#audit.record(auditEntry(actorOf(session), 'password.change', { outcome: 'failure' }, this.#now()));
      if (error instanceof KeyringError && error.code === 'WRONG_CREDENTIALS') {
        throw new AppError('VALIDATION', 'The current password is incorrect.', {
          fields: [{ path: 'currentPassword', code: 'WRONG_PASSWORD', message: 'The current password is incorrect.' }],
        });
      }
      throw this.#credentialFailure(error);
    }
    await contractFailures(() =>
      this.#vault.store.methods.users.setCredential(session.userId, rewrapped.credential, auditEntry(actorOf(session), 'password.change', {}, this.#now())),
    );
    await this.reconcileKeyring();
  }

  async breakGlass(session: Session, reason: string): Promise<SessionView> {
    session.breakGlassUntil = this.#now() + BREAK_GLASS_MINUTES * 60_000;
    await this.#audit.record(auditEntry(actorOf(session, this.#now()), 'breakglass', { detail: reason }, this.#now()));
    return this.view(session);
  }

  async recoverAccount(recoveryKey: string, username: string, newPassword: string): Promise<void> {
    this.#requireInitialized();
    const unlocked = await contractFailures(async () => {
      const keyring = await this.#vault.keyring();
      return keyring.resetPasswordWithRecoveryKey(recoveryKey, username, newPassword);
    }).catch(async (error: unknown) => {
      await this.#audit.record(auditEntry(NO_ACTOR, 'recovery.used', { outcome: 'failure', detail: 'recovery key rejected' }, this.#now()));
      throw error;
    });
    await contractFailures(() => this.#vault.openWith(unlocked.dbKey));
    // The keyring holds the new credential: the store takes it, so it replicates and the next reconciliation keeps it.
    const credential = (await (await this.#vault.keyring()).credentials(this.#vault.dbKey)).get(unlocked.userId);
    if (credential) await this.#vault.store.methods.users.setCredential(unlocked.userId, credential, null);
    await this.reconcileKeyring();
    const user = await this.#vault.store.methods.users.get(unlocked.userId);
    this.#sessions.endAllFor(unlocked.userId);
    await this.#audit.record(
      auditEntry(NO_ACTOR, 'recovery.used', { entityType: 'user', entityId: unlocked.userId, detail: `password reset for ${user?.username ?? unlocked.username}` }, this.#now()),
    );
  }

  async listAccounts(): Promise<Account[]> {
    const [users, keyringUsers] = await Promise.all([this.#vault.store.methods.users.list(), this.#vault.keyring().then((k) => k.users())]);
    const locked = new Map(keyringUsers.map((u) => [u.userId, u.lockedMinutes]));
    return users.map((user) => toAccount(user, locked.get(user.id) ?? null));
  }

  async createAccount(admin: Session, input: { username: string; displayName: string; role: Role; password: string }): Promise<Account> {
    const id = uuidv7();
    const keyring = await this.#vault.keyring();
    if ((await keyring.users()).some((entry) => entry.username.normalize('NFC').toLowerCase() === input.username.normalize('NFC').toLowerCase())) throw usernameTaken();
    const credential = await keyring.newCredential(id, input.username, input.password);
    const user = await this.#vault.store.methods.users
      .create({ id, username: input.username, displayName: input.displayName, role: input.role }, credential, auditEntry(actorOf(admin), 'account.create', { detail: `role ${input.role}` }, this.#now()))
      .catch((error: unknown) => {
        throw accountFailure(error);
      });
    await this.reconcileKeyring();
    return toAccount(user, null);
  }

  async updateAccount(admin: Session, userId: string, patch: UserPatch): Promise<Account> {
    const changes = Object.entries(patch).map(([key, value]) => `${key}=${String(value)}`).join(' ');
    const user = await this.#vault.store.methods.users
      .update(userId, patch, auditEntry(actorOf(admin), 'account.update', { detail: changes }, this.#now()))
      .catch((error: unknown) => {
        throw accountFailure(error);
      });
    // A new role or a disabled account takes effect now, not at the next sign-in.
    if (patch.role !== undefined || patch.disabled) this.#sessions.endAllFor(userId);
    await this.reconcileKeyring();
    return this.#account(user);
  }

  async resetPassword(admin: Session, userId: string, newPassword: string): Promise<Account> {
    const user = await this.#vault.store.methods.users.get(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such account.');
    // The old user key is lost with the forgotten password: a new one, which every workstation seals its database key to.
    const credential = await (await this.#vault.keyring()).newCredential(userId, user.username, newPassword);
    await contractFailures(() => this.#vault.store.methods.users.setCredential(userId, credential, auditEntry(actorOf(admin), 'password.reset', {}, this.#now())));
    this.#sessions.endAllFor(userId);
    await this.reconcileKeyring();
    return this.#account(user);
  }

  /**
   * Brings this workstation's keyring in line with the accounts in the store,
   * which sync replicates from every workstation (keys/keyring.ts
   * `reconcile`), and ends the sessions a replicated change revokes: a
   * disabled account, a new role, a password reset. Accounts made before
   * accounts replicated hand their credential to the store first, as does a
   * newer credential than a restored store holds. Runs after
   * each local account change, after a sync round that changed accounts, and
   * at sign-in (a crash or a closed app may have left the keyring behind).
   */
  reconcileKeyring(): Promise<void> {
    const run = this.#reconciling.then(() => this.#reconcile());
    this.#reconciling = run.catch(() => {});
    return run;
  }

  async #reconcile(): Promise<void> {
    if (!this.#vault.isOpen) return;
    const keyring = await this.#vault.keyring();
    const store = this.#vault.store.methods.users;
    const before = await keyring.credentials(this.#vault.dbKey);
    let accounts = await store.keyringAccounts();
    const unpublished = accounts.filter((account) => account.credential === null && before.has(account.userId));
    if (unpublished.length > 0) {
      await store.publishCredentials(unpublished.map((account) => ({ userId: account.userId, credential: before.get(account.userId)! })), this.#now());
      accounts = await store.keyringAccounts();
    }
    const { newer } = await keyring.reconcile(this.#vault.dbKey, accounts);
    if (newer.length > 0) {
      // The store went back (restored from an older backup): the newer passwords this keyring holds win, and replicate.
      for (const userId of newer) await store.setCredential(userId, before.get(userId)!, null);
      accounts = await store.keyringAccounts();
      await keyring.reconcile(this.#vault.dbKey, accounts);
    }
    const byId = new Map(accounts.map((account) => [account.userId, account]));
    const users = new Map((await store.list()).map((user) => [user.id, user]));
    for (const session of this.#sessions.all()) {
      const account = byId.get(session.userId);
      const user = users.get(session.userId);
      const reset = account?.credential && before.has(session.userId) && before.get(session.userId)!.publicKey !== account.credential.publicKey;
      if (!user || user.disabled || user.role !== session.role || reset) this.#sessions.end(session.connectionId);
    }
  }

  async #account(user: UserRecord): Promise<Account> {
    const entry = (await (await this.#vault.keyring()).users()).find((u) => u.userId === user.id);
    return toAccount(user, entry?.lockedMinutes ?? null);
  }

  #requireInitialized(): void {
    if (!this.#vault.initialized) throw new AppError('UNAVAILABLE', 'This workstation has not been set up yet.');
  }

  #actorFor(user: UserRecord | null, username: string): Actor {
    return user ? { userId: user.id, username: user.username, role: user.role, breakGlass: false } : { ...NO_ACTOR, username };
  }

  async #recordFailure(action: 'login.failed', username: string, error: unknown): Promise<void> {
    const detail = error instanceof KeyringError ? error.code.toLowerCase() : 'error';
    await this.#audit.record(auditEntry({ ...NO_ACTOR, username }, action, { outcome: 'failure', detail }, this.#now()));
  }

  #credentialFailure(error: unknown): unknown {
    if (error instanceof KeyringError && error.code === 'WRONG_CREDENTIALS') return wrongCredentials();
    if (error instanceof KeyringError && error.code === 'LOCKED_OUT') {
      const minutes = error.details.minutesRemaining ?? 1;
      return new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${minutes} minutes.`, { details: { minutes } });
    }
    return toAppError(error);
  }
}

function toAccount(user: UserRecord, lockedMinutes: number | null): Account {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, disabled: user.disabled, createdAt: user.createdAt, lockedMinutes };
}

function accountDisabled(): AppError {
  return new AppError('FORBIDDEN', 'This account is disabled. Ask an administrator.');
}

function usernameTaken(): AppError {
  return new AppError('CONFLICT', 'That username is already taken.', { fields: [{ path: 'username', code: 'TAKEN', message: 'That username is already taken.' }] });
}

function accountFailure(error: unknown): unknown {
  if (isStoreError(error, 'CONFLICT') && error.details?.reason === 'username taken') return usernameTaken();
  if (isStoreError(error, 'CONFLICT') && error.details?.reason === 'last administrator') {
    return new AppError('CONFLICT', 'The clinic must keep at least one active administrator.');
  }
  if (isStoreError(error, 'NOT_FOUND')) return new AppError('NOT_FOUND', 'No such account.');
  return error;
}
