import type Database from '@signalapp/sqlcipher';
import type { EntityAdapter, MaterializeContext } from './adapter.ts';
import { readState, type FieldState } from '../state.node.ts';

/** Merge chains are short in practice; a longer one is treated as broken rather than followed forever. */
const MAX_HOPS = 10;

type Edge = { hlc: string; target: string };

function mergeEdge(db: Database, id: string): Edge | null {
  const entry = readState(db, 'patient', id)?.mergedInto;
  return entry && typeof entry[1] === 'string' ? { hlc: entry[0], target: entry[1] } : null;
}

/**
 * The record a patient is merged into, as every replica decides it: its merge
 * as replicated, except when concurrent merges formed a cycle (A into B on
 * one desk, B into A on another), where the latest merge of the cycle is void
 * and that record stays live. Also returns the cycle's members.
 */
export function effectiveMerge(db: Database, id: string, state?: FieldState): { target: string | null; edgeHlc: string | null; cycle: string[] } {
  const own = state?.mergedInto;
  const first = state ? (own && typeof own[1] === 'string' ? { hlc: own[0], target: own[1] } : null) : mergeEdge(db, id);
  if (!first) return { target: null, edgeHlc: null, cycle: [] };
  const members: [string, Edge][] = [[id, first]];
  let at = first.target;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (at === id) {
      const latest = members.reduce((best, member) => (member[1].hlc > best[1].hlc ? member : best));
      return { target: latest[0] === id ? null : first.target, edgeHlc: first.hlc, cycle: members.map(([member]) => member) };
    }
    const edge = mergeEdge(db, at);
    if (!edge) break;
    members.push([at, edge]);
    at = edge.target;
  }
  return { target: first.target, edgeHlc: first.hlc, cycle: [] };
}

/** The live record a patient id ends up at, following merges as the rows hold them; null if the row has not arrived. */
export function resolveLive(db: Database, id: string): string | null {
  const next = db.prepare('SELECT merged_into FROM patients WHERE id = ?', { pluck: true });
  let at = id;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const target = next.get([at]) as string | null | undefined;
    if (target === undefined) return null;
    if (target === null) return at;
    at = target;
  }
  return at;
}

/**
 * After a record's merge status changed: rewrites every row that belongs to it
 * or to records merged into it, so they follow it to its live record, and
 * moves this workstation's "recently seen" entries along.
 */
export function repointAfterMerge(context: MaterializeContext, id: string, adapters: readonly EntityAdapter[]): void {
  const { db } = context;
  const affected = new Set([id]);
  const predecessors = db.prepare(`SELECT entity_id FROM sync_entity_state WHERE json_extract(state, '$.mergedInto[1]') = ? AND entity = 'patient'`, { pluck: true });
  for (const member of affected) for (const predecessor of predecessors.all([member]) as string[]) affected.add(predecessor);
  const ids = JSON.stringify([...affected]);
  for (const adapter of adapters) {
    if (!adapter.patientField) continue;
    const rows = db
      .prepare(`SELECT entity_id FROM sync_entity_state WHERE json_extract(state, '$.${adapter.patientField}[1]') IN (SELECT value FROM json_each(?)) AND entity = ?`, { pluck: true })
      .all([ids, adapter.entity]) as string[];
    for (const row of rows) context.requeue(adapter.entity, row);
  }
  const live = resolveLive(db, id);
  if (live !== null && live !== id) {
    db.prepare('UPDATE OR IGNORE patient_views SET patient_id = ? WHERE patient_id = ?').run([live, id]);
    db.prepare('DELETE FROM patient_views WHERE patient_id = ?').run([id]);
  }
}
