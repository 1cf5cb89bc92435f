import type Database from '@signalapp/sqlcipher';
import { parseHlc } from './hlc.ts';
import { prepared } from './statements.node.ts';

/** Per-field last-writer-wins state of one entity: each field's value with the HLC that set it. */
export type FieldState = Record<string, [hlc: string, value: unknown]>;

/** The field a delete sets: a tombstone, so a late update cannot bring the row back. */
export const DELETED = '_deleted';

export type ChangeOp = 'upsert' | 'delete' | 'merge';

/**
 * Lists that only ever grow (an encounter's addenda): each element is a field
 * of its own, `<list>.<element id>`, so addenda written on two desks at once
 * are both kept rather than one list replacing the other.
 */
const GROWING_LISTS: Readonly<Record<string, string>> = { encounter: 'addenda' };

/** The fields a change sets; a delete sets its tombstone field (and whatever it carries, e.g. a reason). */
export function fieldsOfChange(entity: string, op: ChangeOp, fields: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const list = GROWING_LISTS[entity];
  let spread = fields;
  if (list !== undefined && Array.isArray(fields[list])) {
    const { [list]: elements, ...rest } = fields;
    spread = { ...rest, ...Object.fromEntries((elements as { id: string }[]).map((element) => [`${list}.${element.id}`, element])) };
  }
  return op === 'delete' ? { ...spread, [DELETED]: true } : spread;
}

/** A growing list's elements from state, in no particular order (see GROWING_LISTS). */
export function listElements<T>(values: Readonly<Record<string, unknown>>, list: string): T[] {
  const prefix = `${list}.`;
  return Object.entries(values)
    .filter(([field]) => field.startsWith(prefix))
    .map(([, element]) => element as T);
}

/**
 * Folds fields set at `hlc` into `state`: a field changes only if `hlc` is later
 * than the one that last set it. HLC strings end with the workstation id, so
 * equal times still order the same way everywhere. Returns whether anything changed.
 */
export function mergeFields(state: FieldState, fields: Readonly<Record<string, unknown>>, hlc: string): boolean {
  let changed = false;
  for (const [field, value] of Object.entries(fields)) {
    // As on the wire: JSON drops undefined.
    if (value === undefined) continue;
    const current = state[field];
    if (current && current[0] >= hlc) continue;
    state[field] = [hlc, value];
    changed = true;
  }
  return changed;
}

export function valuesOf(state: FieldState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).map(([field, [, value]]) => [field, value]));
}

/** Wall-clock milliseconds of the earliest and latest field writes: a replica's created/updated times for entities that carry none. */
export function wallRange(state: FieldState): { first: number; last: number } {
  const clocks = Object.values(state).map(([hlc]) => hlc).sort();
  return { first: parseHlc(clocks[0]!).wall, last: parseHlc(clocks.at(-1)!).wall };
}

export function readState(db: Database, entity: string, id: string): FieldState | null {
  const text = prepared(db, 'SELECT state FROM sync_entity_state WHERE entity = ? AND entity_id = ?', { pluck: true }).get([entity, id]) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as FieldState);
}

/**
 * The states of many entities of one kind, in one statement walking the key
 * in order: far fewer calls, and neighbouring keys share their pages. Entities
 * without a state are absent.
 */
export function readStates(db: Database, entity: string, ids: readonly string[]): Map<string, FieldState> {
  const rows = prepared(db, 'SELECT entity_id, state FROM sync_entity_state WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?)) ORDER BY entity_id').all<{
    entity_id: string;
    state: string;
  }>([entity, JSON.stringify(ids)]);
  return new Map(rows.map((row) => [row.entity_id, JSON.parse(row.state) as FieldState]));
}

export function writeState(db: Database, entity: string, id: string, state: FieldState): void {
  // Fields in name order: replicas compare (and back up) the same text. The default sort compares UTF-16 code
  // units as `<` does; a prototype-less object keeps a field named `__proto__` as a field.
  const sorted: FieldState = Object.create(null) as FieldState;
  for (const field of Object.keys(state).sort()) sorted[field] = state[field]!;
  prepared(db, 'INSERT INTO sync_entity_state (entity, entity_id, state) VALUES (?, ?, ?) ON CONFLICT (entity, entity_id) DO UPDATE SET state = excluded.state').run([
    entity,
    id,
    JSON.stringify(sorted),
  ]);
}
