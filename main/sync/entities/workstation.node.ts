import type Database from '@signalapp/sqlcipher';
import { valuesOf, wallRange, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';

/**
 * A workstation an administrator revoked (a lost or retired PC), as every
 * workstation learns it: from then on none applies its objects stored after
 * the revocation (pull.node.ts), and the revoked one itself stops syncing
 * (replicator.node.ts).
 */
export const workstationAdapter: EntityAdapter = {
  entity: 'workstation',
  rank: -20,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { revokedAt } = valuesOf(state) as { revokedAt?: number };
    if (typeof revokedAt !== 'number') return 'pending';
    markRevoked(context.db, id, wallRange(state).first, revokedAt);
    return 'written';
  },
};

/** Records a workstation as revoked (a workstation first heard of through its revocation gets its row here). */
export function markRevoked(db: Database, id: string, enrolledAt: number, revokedAt: number): void {
  db.prepare('INSERT INTO sync_workstations (id, name, enrolled_at, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET revoked_at = excluded.revoked_at').run([
    id,
    '',
    enrolledAt,
    revokedAt,
  ]);
}

/** When a workstation was revoked, by the revoking workstation's clock; null if it was not. */
export function revokedAt(db: Database, id: string): number | null {
  return (db.prepare('SELECT revoked_at FROM sync_workstations WHERE id = ?', { pluck: true }).get([id]) as number | null | undefined) ?? null;
}
