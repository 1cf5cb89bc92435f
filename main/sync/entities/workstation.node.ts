import { valuesOf, wallRange, type FieldState } from '../state.node.ts';
import type { EntityAdapter, MaterializeContext, Outcome } from './adapter.ts';

/**
 * A workstation an administrator revoked (a lost or retired PC), as every
 * workstation learns it: from then on none applies its objects (pull.node.ts
 * skips revoked workstations), and the revoked one itself stops syncing
 * (replicator.node.ts).
 */
export const workstationAdapter: EntityAdapter = {
  entity: 'workstation',
  rank: -20,
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome {
    const { revokedAt } = valuesOf(state) as { revokedAt?: number };
    if (typeof revokedAt !== 'number') return 'pending';
    context.db
      .prepare('INSERT INTO sync_workstations (id, name, enrolled_at, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET revoked_at = excluded.revoked_at')
      .run([id, '', wallRange(state).first, revokedAt]);
    return 'written';
  },
};
