import type Database from '@signalapp/sqlcipher';
import { claimUnique, dropClaims, fallbackValue, type UniqueSlot } from '../claims.node.ts';
import { valuesOf, wallRange, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';

type ResourceValues = { kind?: string; name?: string; userId?: string | null; active?: boolean };

const nameSlot = (kind: string, name: string): UniqueSlot => ({
  kind: 'schedule_resource.name',
  value: `${kind}:${name.toLowerCase()}`,
  holder: (db, id) =>
    (db.prepare('SELECT id FROM schedule_resources WHERE kind = ? AND name = ? COLLATE NOCASE AND id <> ?', { pluck: true }).get([kind, name, id]) as string | undefined) ?? null,
  demote: (db, holder) => void db.prepare('UPDATE schedule_resources SET name = name || ? WHERE id = ?').run([fallbackValue('', holder, ' #'), holder]),
});

const userSlot = (userId: string): UniqueSlot => ({
  kind: 'schedule_resource.user',
  value: userId,
  holder: (db, id) => (db.prepare('SELECT id FROM schedule_resources WHERE user_id = ? AND id <> ?', { pluck: true }).get([userId, id]) as string | undefined) ?? null,
  demote: (db, holder) => void db.prepare('UPDATE schedule_resources SET user_id = NULL WHERE id = ?').run([holder]),
});

/** Providers, rooms and modalities. A provider whose user account has not reached this workstation yet is written without it, and again once it has. */
export const scheduleResourceAdapter: EntityAdapter = {
  entity: 'schedule_resource',
  rank: 0,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { db } = context;
    const values = valuesOf(state) as ResourceValues;
    if (typeof values.kind !== 'string' || typeof values.name !== 'string') return 'pending';
    dropClaims(db, id);
    const name = claimUnique(db, nameSlot(values.kind, values.name), id) ? values.name : values.name + fallbackValue('', id, ' #');
    const wanted = values.kind === 'provider' ? (values.userId ?? null) : null;
    const userKnown = wanted !== null && userExists(db, wanted);
    const userId = userKnown && claimUnique(db, userSlot(wanted), id) ? wanted : null;
    const { first, last } = wallRange(state);
    db.prepare(
      `INSERT INTO schedule_resources (id, kind, name, user_id, active, created_at, updated_at) VALUES ($id, $kind, $name, $userId, $active, $first, $last)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, user_id = excluded.user_id, active = excluded.active, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ).run({ id, kind: values.kind, name, userId, active: values.active === false ? 0 : 1, first, last });
    return wanted !== null && !userKnown ? 'pending' : 'written';
  },
};

function userExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE id = ?', { pluck: true }).get([id]) !== undefined;
}
