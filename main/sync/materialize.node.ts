import type Database from '@signalapp/sqlcipher';
import { waitingClaims } from './claims.node.ts';
import type { MaterializeContext } from './entities/adapter.ts';
import { ADAPTERS_BY_ENTITY } from './entities/index.ts';
import { readState, readStates, type FieldState } from './state.node.ts';

/** A bound on rewrites of one entity in one pass: a merge or claim loop that never settles stops here, and the entity waits in sync_pending. */
const MAX_REWRITES = 16;
const UNKNOWN_RANK = 1000;

type Entry = { entity: string; id: string };
type Bucket = { items: Entry[]; head: number };

export function stateKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

/** The stored states of these entities, keyed by stateKey, read a kind at a time; entities without one are absent. */
export function readStatesOf(db: Database, entries: Iterable<Entry>): Map<string, FieldState> {
  const idsByEntity = new Map<string, Set<string>>();
  for (const { entity, id } of entries) {
    let ids = idsByEntity.get(entity);
    if (!ids) idsByEntity.set(entity, (ids = new Set()));
    ids.add(id);
  }
  const states = new Map<string, FieldState>();
  for (const [entity, ids] of idsByEntity) for (const [id, state] of readStates(db, entity, [...ids])) states.set(stateKey(entity, id), state);
  return states;
}

/**
 * Writes rows from state for the given entities, lowest rank first (a requeued
 * entity of a lower rank is taken up next), then retries everything still
 * waiting: a referenced row missing, a unique value held by another record.
 * `states` holds states already read in this transaction.
 */
export function materialize(db: Database, touched: Iterable<Entry>, states: ReadonlyMap<string, FieldState> = new Map()): void {
  const buckets = new Map<number, Bucket>();
  const queued = new Set<string>();
  const rewrites = new Map<string, number>();
  const enqueue = (entity: string, id: string) => {
    const key = stateKey(entity, id);
    if (queued.has(key)) return;
    queued.add(key);
    const rank = ADAPTERS_BY_ENTITY.get(entity)?.rank ?? UNKNOWN_RANK;
    const bucket = buckets.get(rank) ?? { items: [], head: 0 };
    bucket.items.push({ entity, id });
    buckets.set(rank, bucket);
  };
  const next = (): Entry | undefined => {
    let best: Bucket | undefined;
    let bestRank = Infinity;
    for (const [rank, bucket] of buckets) {
      if (bucket.head < bucket.items.length && rank < bestRank) [best, bestRank] = [bucket, rank];
    }
    return best?.items[best.head++];
  };
  const context: MaterializeContext = { db, requeue: enqueue };
  const pending = db.prepare('INSERT OR IGNORE INTO sync_pending (entity, entity_id) VALUES (?, ?)');
  const done = db.prepare('DELETE FROM sync_pending WHERE entity = ? AND entity_id = ?');
  // Only entities that waited need their pending row removed.
  const waited = new Set(db.prepare('SELECT entity, entity_id FROM sync_pending').all<{ entity: string; entity_id: string }>().map((row) => stateKey(row.entity, row.entity_id)));

  const drain = () => {
    for (let entry = next(); entry; entry = next()) {
      const { entity, id } = entry;
      const key = stateKey(entity, id);
      queued.delete(key);
      const count = (rewrites.get(key) ?? 0) + 1;
      rewrites.set(key, count);
      const adapter = ADAPTERS_BY_ENTITY.get(entity);
      const state = adapter ? (states.get(key) ?? readState(db, entity, id)) : null;
      const outcome = adapter && state && count <= MAX_REWRITES ? adapter.materialize(context, id, state) : 'pending';
      if (outcome === 'pending') {
        pending.run([entity, id]);
        waited.add(key);
      } else if (waited.delete(key)) {
        done.run([entity, id]);
      }
    }
    for (const bucket of buckets.values()) [bucket.items, bucket.head] = [[], 0];
  };

  for (const { entity, id } of touched) enqueue(entity, id);
  drain();
  // Entities nobody can write yet stay waiting without a retry each batch.
  const known = JSON.stringify([...ADAPTERS_BY_ENTITY.keys()]);
  const pendingKnown = db.prepare('SELECT entity, entity_id AS id FROM sync_pending WHERE entity IN (SELECT value FROM json_each(?))').all<Entry>([known]);
  const waiting = [...pendingKnown, ...waitingClaims(db)];
  for (const { entity, id } of waiting) enqueue(entity, id);
  drain();
}
