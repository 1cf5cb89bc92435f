import type Database from '@signalapp/sqlcipher';
import type { Role } from '../../preload/contract/roles.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import type { Credential } from '../keys/keyring.ts';
import { StoreError } from '../store/errors.ts';
import type { QueryModule } from '../store/interface.ts';
import { recordChange } from '../sync/outbox.node.ts';
import { parseHlc } from '../sync/hlc.ts';
import { readState } from '../sync/state.node.ts';
import { credentialOf, keyringAccounts, writeCredential } from './replication.node.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'disabled'>>;

type UserRow = { id: string; username: string; display_name: string; role: Role; disabled: number; created_at: number; updated_at: number };

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function get(db: Database, id: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get<UserRow>([id]);
  return row ? toUser(row) : null;
}

function activeAdmins(db: Database): number {
  return db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0", { pluck: true }).get() as number;
}

const isActiveAdmin = (user: Pick<UserRecord, 'role' | 'disabled'>) => user.role === 'admin' && !user.disabled;

/**
 * A replicated account carries everything another workstation needs, its
 * credential included. `adminRetired` marks when an active administrator was
 * disabled or demoted: if desks apart retire every administrator, the one
 * retired last stays an administrator everywhere (entities/user.node.ts).
 */
function recordCreate(db: Database, user: UserRecord, credential: Credential, at: number): void {
  const hlc = recordChange(
    db,
    {
      entity: 'user',
      entityId: user.id,
      op: 'upsert',
      fields: { username: user.username, displayName: user.displayName, role: user.role, disabled: user.disabled, createdAt: user.createdAt, credential, adminRetired: false },
    },
    at,
  );
  writeCredential(db, user.id, credential, parseHlc(hlc).wall);
}

/** A new credential for an account: dated by its change's clock, as every replica dates it. */
function recordCredential(db: Database, userId: string, credential: Credential, at: number): void {
  const hlc = recordChange(db, { entity: 'user', entityId: userId, op: 'upsert', fields: { credential } }, at);
  writeCredential(db, userId, credential, parseHlc(hlc).wall);
}

/** Staff accounts. Every change carries its audit entry, committed in the same transaction. */
export const userQueries = {
  get,

  list(db: Database): UserRecord[] {
    return db.prepare('SELECT * FROM users ORDER BY username COLLATE NOCASE').all<UserRow>().map(toUser);
  },

  /** A new account with its credential (keys/keyring.ts `newCredential`); the keyring entry follows by `reconcile`. */
  create(db: Database, user: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role'>, credential: Credential, audit: AuditInput): UserRecord {
    const taken = db.prepare('SELECT 1 FROM users WHERE username = ?', { pluck: true }).get([user.username]);
    if (taken) throw new StoreError('CONFLICT', { reason: 'username taken' });
    db.prepare(
      'INSERT INTO users (id, username, display_name, role, disabled, created_at, updated_at) VALUES ($id, $username, $displayName, $role, 0, $now, $now)',
    ).run({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, now: audit.at });
    const created = get(db, user.id)!;
    recordCreate(db, created, credential, audit.at);
    appendAudit(db, { ...audit, entityType: 'user', entityId: user.id });
    return created;
  },

  /** A password changed or reset here: the new credential replicates; the keyring follows by `reconcile`. */
  setCredential(db: Database, id: string, credential: Credential, audit: AuditInput | null): void {
    const at = audit?.at ?? Date.now();
    if (!get(db, id)) throw new StoreError('NOT_FOUND');
    recordCredential(db, id, credential, at);
    if (audit) appendAudit(db, { ...audit, entityType: 'user', entityId: id });
  },

  keyringAccounts,

  /**
   * Accounts made before accounts replicated have their credential only in
   * this workstation's keyring: the store takes it (and the account's first
   * change) so they replicate too. Returns how many were published.
   */
  publishCredentials(db: Database, credentials: readonly { userId: string; credential: Credential }[], now: number): number {
    let published = 0;
    for (const { userId, credential } of credentials) {
      const user = get(db, userId);
      if (!user || credentialOf(db, userId)) continue;
      if (readState(db, 'user', userId)) recordCredential(db, userId, credential, now);
      else recordCreate(db, user, credential, now);
      published++;
    }
    return published;
  },

  /** Refuses to leave the clinic without an active administrator. */
  update(db: Database, id: string, patch: UserPatch, audit: AuditInput): UserRecord {
    const current = get(db, id);
    if (!current) throw new StoreError('NOT_FOUND');
    const next = { ...current, ...patch };
    db.prepare('UPDATE users SET display_name = $displayName, role = $role, disabled = $disabled, updated_at = $now WHERE id = $id').run({
      id,
      displayName: next.displayName,
      role: next.role,
      disabled: next.disabled ? 1 : 0,
      now: audit.at,
    });
    if (isActiveAdmin(current) && activeAdmins(db) === 0) throw new StoreError('CONFLICT', { reason: 'last administrator' });
    const fields: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && value !== current[key as keyof UserPatch]));
    if (isActiveAdmin(current) !== isActiveAdmin(next)) fields.adminRetired = isActiveAdmin(current);
    if (Object.keys(fields).length > 0) recordChange(db, { entity: 'user', entityId: id, op: 'upsert', fields }, audit.at);
    appendAudit(db, { ...audit, entityType: 'user', entityId: id });
    return get(db, id)!;
  },
} satisfies QueryModule;
