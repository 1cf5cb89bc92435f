import type Database from '@signalapp/sqlcipher';

/**
 * Files (images, chart documents) whose rows arrived and whose encrypted blob
 * may not be on this workstation yet. The worker drops the ones it finds
 * here after each pull and, with eager fetching on, downloads the rest;
 * otherwise they come on first open.
 */
export function wantBlob(db: Database, hash: string): void {
  db.prepare('INSERT OR IGNORE INTO sync_blob_wanted (hash) VALUES (?)').run([hash]);
}

export function wantedBlobs(db: Database, now: number, limit: number): string[] {
  return db.prepare('SELECT hash FROM sync_blob_wanted WHERE next_attempt_at <= ? ORDER BY hash LIMIT ?', { pluck: true }).all([now, limit]) as string[];
}

export function blobArrived(db: Database, hash: string): void {
  db.prepare('DELETE FROM sync_blob_wanted WHERE hash = ?').run([hash]);
}

/** Not in the bucket yet (its workstation has not uploaded it) or failing: tried again later, backing off to an hour. */
export function blobDeferred(db: Database, hash: string, now: number): void {
  db.prepare('UPDATE sync_blob_wanted SET attempts = attempts + 1, next_attempt_at = ? + min(3600000, 30000 * (1 << min(attempts, 7))) WHERE hash = ?').run([now, hash]);
}
