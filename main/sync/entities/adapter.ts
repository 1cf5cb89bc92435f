import type Database from '@signalapp/sqlcipher';
import type { FieldState } from '../state.node.ts';

/** What writing an entity's row from its state came to. */
export type Outcome = 'written' | 'pending';

export interface MaterializeContext {
  readonly db: Database;
  /** Rewrites another entity's row later in the same pass (e.g. a record that lost a unique value, rows of a merged patient). */
  requeue(entity: string, id: string): void;
}

/**
 * Turns a replicated entity's merged field state into its table rows. The
 * rows must be a pure function of the states in the store, so that replicas
 * holding the same states hold the same rows whatever the arrival order.
 */
export interface EntityAdapter {
  readonly entity: string;
  /** Lower ranks are written first in a pass: what others refer to comes before them. */
  readonly rank: number;
  /** The state field naming the patient a row belongs to, for re-pointing after merges. */
  readonly patientField?: string;
  /** 'pending' when a row this one refers to has not arrived yet; retried after each batch. */
  materialize(context: MaterializeContext, id: string, state: FieldState): Outcome;
}
