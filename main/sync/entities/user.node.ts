import type Database from '@signalapp/sqlcipher';
import { ROLES, type Role } from '../../../preload/contract/roles.ts';
import { bumpAccountRevision, writeCredential } from '../../accounts/replication.node.ts';
import type { Credential } from '../../keys/keyring.ts';
import { parseHlc } from '../hlc.ts';
import { claimUnique, dropClaims, fallbackValue, type UniqueSlot } from '../claims.node.ts';
import { valuesOf, wallRange, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';

type UserValues = {
  username?: string;
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  createdAt?: number;
  adminRetired?: boolean;
};

type Access = { role: Role; disabled: boolean };
type UserRow = { username: string; display_name: string; role: Role; disabled: number; created_at: number; updated_at: number };

const usernameSlot = (username: string): UniqueSlot => ({
  kind: 'user.username',
  value: username.toLowerCase(),
  holder: (db, id) => (db.prepare('SELECT id FROM users WHERE username = ? COLLATE NOCASE AND id <> ?', { pluck: true }).get([username, id]) as string | undefined) ?? null,
  demote: (db, holder) => void db.prepare('UPDATE users SET username = username || ? WHERE id = ?').run([fallbackValue('', holder, '#'), holder]),
});

function userStates(db: Database): { id: string; values: UserValues; retiredAt: string | null }[] {
  return db
    .prepare("SELECT entity_id, state FROM sync_entity_state WHERE entity = 'user' ORDER BY entity_id")
    .all<{ entity_id: string; state: string }>()
    .map((row) => {
      const state = JSON.parse(row.state) as FieldState;
      const retired = state.adminRetired;
      return { id: row.entity_id, values: valuesOf(state) as UserValues, retiredAt: retired && retired[1] === true ? retired[0] : null };
    });
}

/**
 * The last active administrator rule, as every replica decides it from the
 * merged states alone: desks apart may each retire (disable or demote) a
 * different administrator and together leave none. Then the administrator
 * retired last keeps the administrator role, enabled, on every workstation,
 * so the clinic is never locked out of its own accounts.
 */
function adminKeeper(states: ReturnType<typeof userStates>): string | null {
  if (states.some(({ values }) => values.role === 'admin' && values.disabled !== true)) return null;
  let keeper: { id: string; at: string } | null = null;
  for (const { id, retiredAt } of states) if (retiredAt !== null && (keeper === null || retiredAt > keeper.at)) keeper = { id, at: retiredAt };
  return keeper?.id ?? null;
}

function accessOf(id: string, values: UserValues, keeper: string | null): Access {
  return id === keeper ? { role: 'admin', disabled: false } : { role: values.role ?? 'nurse', disabled: values.disabled === true };
}

/**
 * Staff accounts from other workstations: the users row and the credential
 * (the user key under scrypt(password)). Main then seals this workstation's
 * database key to the account (accounts/service.ts `reconcileKeyring`), told
 * by the revision counter. A username taken on two desks at once stays with
 * the older account; the other shows it with a suffix and cannot sign in
 * under it.
 */
export const userAdapter: EntityAdapter = {
  entity: 'user',
  rank: -10,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as UserValues;
    if (typeof values.username !== 'string' || typeof values.displayName !== 'string' || !ROLES.includes(values.role as Role) || typeof values.createdAt !== 'number') {
      return 'pending';
    }
    dropClaims(db, id);
    const username = claimUnique(db, usernameSlot(values.username), id) ? values.username : values.username + fallbackValue('', id, '#');
    const states = userStates(db);
    const keeper = adminKeeper(states);
    const access = accessOf(id, values, keeper);
    const before = db.prepare('SELECT username, display_name, role, disabled, created_at, updated_at FROM users WHERE id = ?').get<UserRow>([id]);
    const row: UserRow = {
      username,
      display_name: values.displayName,
      role: access.role,
      disabled: access.disabled ? 1 : 0,
      created_at: values.createdAt,
      updated_at: Math.max(values.createdAt, wallRange(state).last),
    };
    let changed = false;
    if (!before || (Object.keys(row) as (keyof UserRow)[]).some((column) => before[column] !== row[column])) {
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, disabled, created_at, updated_at) VALUES ($id, $username, $display_name, $role, $disabled, $created_at, $updated_at)
          ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, role = excluded.role, disabled = excluded.disabled,
            created_at = excluded.created_at, updated_at = excluded.updated_at`,
      ).run({ id, ...row });
      // A rewrite that only moves the time changes nothing main must act on.
      changed = !before || before.username !== row.username || before.role !== row.role || before.disabled !== row.disabled;
    }
    // Dated by its change's clock, as on the workstation that made it.
    const credential = state.credential;
    if (credential && writeCredential(db, id, credential[1] as Credential, parseHlc(credential[0]).wall)) changed = true;
    if (changed) bumpAccountRevision(db);

    // Whether the keeper rule applies depends on every account: rewrite those whose access it moved.
    const current = db.prepare('SELECT role, disabled FROM users WHERE id = ?');
    for (const other of states) {
      if (other.id === id) continue;
      const wanted = accessOf(other.id, other.values, keeper);
      const actual = current.get<{ role: Role; disabled: number }>([other.id]);
      if (actual && (actual.role !== wanted.role || (actual.disabled === 1) !== wanted.disabled)) context.requeue('user', other.id);
    }
    return 'written';
  },
};
