import type Database from '@signalapp/sqlcipher';
import type { Batch } from './batch.ts';
import { formatHlc, parseHlc, receiveHlc } from './hlc.ts';
import { materialize, readStatesOf, stateKey } from './materialize.node.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';
import { fieldsOfChange, mergeFields, writeState } from './state.node.ts';

export type ApplyResult = { applied: boolean; changes: number };

/**
 * Applies another workstation's batch in one transaction together with its
 * cursor: a batch is applied entirely or not at all, and one already applied
 * (its number is behind the cursor) is skipped. Remote changes move field
 * state and rows directly and never enter this workstation's outbox.
 */
export function applyBatch(db: Database, targetId: string, batch: Batch, now: number): ApplyResult {
  return applyBatches(db, targetId, [batch], now)[0]!;
}

/**
 * Applies consecutive batches in one transaction, each against its cursor as
 * applyBatch does. An entity changed in several of them has its state written
 * and its rows rebuilt once, with everything the batches brought.
 */
export function applyBatches(db: Database, targetId: string, batches: readonly Batch[], now: number): ApplyResult[] {
  return writeTransaction(db, (): ApplyResult[] => {
    // Each batch is checked against its cursor as the batches before it in the group moved it.
    const cursors = new Map<string, number>();
    const applies = batches.map((batch) => {
      const next = cursors.get(batch.workstation) ?? nextObject(db, targetId, batch.workstation);
      if (batch.object !== next) return false;
      cursors.set(batch.workstation, next + 1);
      return true;
    });
    // Read up front in a few statements rather than one per entity.
    const states = readStatesOf(
      db,
      batches.filter((_batch, index) => applies[index]).flatMap((batch) => batch.changes.map((change) => ({ entity: change.entity, id: change.entityId }))),
    );
    const touched = new Map<string, { entity: string; id: string }>();
    let latest = '';
    const results = batches.map((batch, index): ApplyResult => {
      if (!applies[index]) return { applied: false, changes: 0 };
      for (const change of batch.changes) {
        const key = stateKey(change.entity, change.entityId);
        let state = states.get(key);
        if (!state) states.set(key, (state = {}));
        if (mergeFields(state, fieldsOfChange(change.entity, change.op, change.fields), change.hlc)) touched.set(key, { entity: change.entity, id: change.entityId });
        if (change.hlc > latest) latest = change.hlc;
      }
      db.prepare(
        `INSERT INTO sync_cursors (target_id, workstation_id, next_object, changes_applied, last_pulled_at) VALUES ($targetId, $workstation, $next, $count, $now)
          ON CONFLICT (target_id, workstation_id) DO UPDATE SET next_object = excluded.next_object, changes_applied = changes_applied + excluded.changes_applied, last_pulled_at = excluded.last_pulled_at`,
      ).run({ targetId, workstation: batch.workstation, next: batch.object + 1, count: batch.changes.length, now });
      return { applied: true, changes: batch.changes.length };
    });
    for (const [key, { entity, id }] of touched) writeState(db, entity, id, states.get(key)!);
    if (latest) advanceClock(db, latest, now);
    materialize(db, touched.values(), states);
    return results;
  });
}

export function nextObject(db: Database, targetId: string, workstation: string): number {
  return (db.prepare('SELECT next_object FROM sync_cursors WHERE target_id = ? AND workstation_id = ?', { pluck: true }).get([targetId, workstation]) as number | undefined) ?? 1;
}

/** Local changes made after this one must sort after it. */
function advanceClock(db: Database, remote: string, now: number): void {
  const last = db.prepare('SELECT last FROM hlc_state WHERE id = 1', { pluck: true }).get() as string | undefined;
  const node = (db.prepare('SELECT workstation_id FROM meta WHERE id = 1', { pluck: true }).get() as string | undefined) ?? 'unenrolled';
  const next = formatHlc(receiveHlc(last ? parseHlc(last) : null, parseHlc(remote), now, node));
  db.prepare('INSERT INTO hlc_state (id, last) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last = excluded.last').run([next]);
}
