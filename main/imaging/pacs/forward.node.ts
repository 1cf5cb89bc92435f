import type Database from '@signalapp/sqlcipher';
import type { PacsFailure } from '../../../preload/contract/imaging.ts';

/**
 * The store's side of forwarding new studies to DICOMweb servers (migration 015): the queue, filled when an instance
 * is indexed, and each server's record of what it was sent. The sending itself is main's (forwarder.ts).
 */

/** Queues a newly indexed object for every server that takes this workstation's new studies, except the one it came from. */
export function queueForwarding(db: Database, sopInstanceUid: string, fromPacs: string | null, now: number): void {
  db.prepare('INSERT OR IGNORE INTO imaging_pacs_forward (pacs_id, sop_instance_uid, queued_at) SELECT id, ?, ? FROM imaging_pacs WHERE forward_new = 1 AND id IS NOT ?').run([
    sopInstanceUid,
    now,
    fromPacs,
  ]);
}

export type ForwardItem = { sopInstanceUid: string; hash: string; size: number };

/**
 * The oldest queued objects for a server, up to `maxBytes` (at least one), with the file each is stored in now. An
 * object no longer indexed (its study removed) leaves the queue.
 */
export function forwardBatch(db: Database, pacsId: string, limit: number, maxBytes: number): ForwardItem[] {
  const rows = db
    .prepare(
      `SELECT f.sop_instance_uid AS sopInstanceUid, i.blob_hash AS hash, i.size AS size FROM imaging_pacs_forward f
       LEFT JOIN imaging_instances i ON i.sop_instance_uid = f.sop_instance_uid
       WHERE f.pacs_id = ? ORDER BY f.queued_at, f.sop_instance_uid LIMIT ?`,
    )
    .all<{ sopInstanceUid: string; hash: string | null; size: number | null }>([pacsId, limit]);
  const gone = rows.filter((row) => row.hash === null).map((row) => row.sopInstanceUid);
  if (gone.length > 0) unqueue(db, pacsId, gone);
  const batch: ForwardItem[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (row.hash === null) continue;
    if (batch.length > 0 && bytes + row.size! > maxBytes) break;
    batch.push({ sopInstanceUid: row.sopInstanceUid, hash: row.hash, size: row.size! });
    bytes += row.size!;
  }
  return batch;
}

/** What the server answered for a batch: objects it stored and objects it refused leave the queue and are counted. */
export function forwardAnswered(db: Database, pacsId: string, stored: readonly string[], refused: readonly string[], now: number): void {
  unqueue(db, pacsId, [...stored, ...refused]);
  db.prepare(
    'UPDATE imaging_pacs SET forward_sent = forward_sent + ?, forward_refused = forward_refused + ?, forward_last_success_at = ?, forward_stopped = NULL WHERE id = ?',
  ).run([stored.length, refused.length, now, pacsId]);
}

/** Stops sending to a server (a refusal retrying cannot fix), or lets it go on (null). */
export function forwardStop(db: Database, pacsId: string, failure: PacsFailure | null): void {
  db.prepare('UPDATE imaging_pacs SET forward_stopped = ? WHERE id = ?').run([failure, pacsId]);
}

export type ForwardOverview = {
  pacsId: string;
  name: string;
  pending: number;
  sent: number;
  refused: number;
  lastSuccessAt: number | null;
  stopped: PacsFailure | null;
};

/** Every server that takes this workstation's new studies, with its queue and record. */
export function forwardOverview(db: Database): ForwardOverview[] {
  return db
    .prepare(
      `SELECT p.id AS pacsId, p.name, (SELECT count(*) FROM imaging_pacs_forward f WHERE f.pacs_id = p.id) AS pending, p.forward_sent AS sent,
         p.forward_refused AS refused, p.forward_last_success_at AS lastSuccessAt, p.forward_stopped AS stopped
       FROM imaging_pacs p WHERE p.forward_new = 1 ORDER BY p.name, p.id`,
    )
    .all<ForwardOverview>();
}

function unqueue(db: Database, pacsId: string, sopInstanceUids: readonly string[]): void {
  db.prepare('DELETE FROM imaging_pacs_forward WHERE pacs_id = ? AND sop_instance_uid IN (SELECT value FROM json_each(?))').run([pacsId, JSON.stringify(sopInstanceUids)]);
}
