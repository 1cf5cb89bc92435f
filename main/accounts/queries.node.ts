import type Database from '@signalapp/sqlcipher';
import type { Role } from '../../preload/contract/roles.ts';
import { appendAudit, type AuditInput } from '../audit/queries.node.ts';
import { StoreError } from '../store/errors.ts';
import type { QueryModule } from '../store/interface.ts';

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

/** Staff accounts. Every change carries its audit entry, committed in the same transaction. */
export const userQueries = {
  get,

  list(db: Database): UserRecord[] {
    return db.prepare('SELECT * FROM users ORDER BY username COLLATE NOCASE').all<UserRow>().map(toUser);
  },

  create(db: Database, user: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role'>, audit: AuditInput): UserRecord {
    const taken = db.prepare('SELECT 1 FROM users WHERE username = ?', { pluck: true }).get([user.username]);
    if (taken) throw new StoreError('CONFLICT', { reason: 'username taken' });
    db.prepare(
      'INSERT INTO users (id, username, display_name, role, disabled, created_at, updated_at) VALUES ($id, $username, $displayName, $role, 0, $now, $now)',
    ).run({ ...user, now: audit.at });
    appendAudit(db, { ...audit, entityType: 'user', entityId: user.id });
    return get(db, user.id)!;
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
    if (current.role === 'admin' && !current.disabled && activeAdmins(db) === 0) throw new StoreError('CONFLICT', { reason: 'last administrator' });
    appendAudit(db, { ...audit, entityType: 'user', entityId: id });
    return get(db, id)!;
  },
} satisfies QueryModule;
