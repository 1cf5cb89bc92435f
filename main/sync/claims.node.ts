import type Database from '@signalapp/sqlcipher';

/**
 * Values that must be unique across rows (a medical record number, a resident
 * ID, a resource name) can be taken by two workstations at once while offline.
 * Every replica settles it the same way: the record with the smaller id holds
 * the value, the others take a fallback and wait in `sync_claims`, and are
 * rewritten after each batch until the holder lets go.
 */
export interface UniqueSlot {
  /** `<entity>.<what>`, e.g. `patient.mrn`. */
  kind: string;
  value: string;
  /** The row other than `id` holding the value now, if any. */
  holder(db: Database, id: string): string | null;
  /** Moves the holder to its fallback, before the new holder is written. */
  demote(db: Database, holderId: string): void;
}

/** Whether `id` may hold the slot's value; the loser is recorded as waiting. */
export function claimUnique(db: Database, slot: UniqueSlot, id: string): boolean {
  const holder = slot.holder(db, id);
  if (holder !== null && holder < id) {
    waitFor(db, slot, id);
    return false;
  }
  if (holder !== null) {
    slot.demote(db, holder);
    waitFor(db, slot, holder);
  }
  return true;
}

/** Forgets what `id` waited for: its next write claims afresh. */
export function dropClaims(db: Database, id: string): void {
  // Nearly always empty: a read is cheaper than a delete that finds nothing.
  if (db.prepare('SELECT 1 FROM sync_claims LIMIT 1', { pluck: true }).get() === undefined) return;
  db.prepare('DELETE FROM sync_claims WHERE entity_id = ?').run([id]);
}

export function waitingClaims(db: Database): { entity: string; id: string }[] {
  return db
    .prepare('SELECT DISTINCT kind, entity_id FROM sync_claims ORDER BY entity_id')
    .all<{ kind: string; entity_id: string }>()
    .map((row) => ({ entity: row.kind.split('.')[0]!, id: row.entity_id }));
}

function waitFor(db: Database, slot: UniqueSlot, id: string): void {
  db.prepare('INSERT OR IGNORE INTO sync_claims (kind, value, entity_id) VALUES (?, ?, ?)').run([slot.kind, slot.value, id]);
}

/** A fallback that stays unique among the losers: the value and the end of the record's id. */
export function fallbackValue(value: string, id: string, separator = '-'): string {
  return `${value}${separator}${id.replaceAll('-', '').slice(-8).toUpperCase()}`;
}
