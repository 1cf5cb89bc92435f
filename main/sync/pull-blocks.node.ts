import type Database from '@signalapp/sqlcipher';
import type { PullBlockReason } from '../../preload/contract/sync.ts';
import { writeTransaction } from '../store/write-transaction.node.ts';

export interface PullBlock {
  workstation: string;
  object: number;
  reason: PullBlockReason;
}

/** In words, for the CLI's output and the logs (the Sync screen words it itself). */
export function describePullBlock(block: PullBlock): string {
  const where = `Changes from workstation ${block.workstation} stop at its object ${block.object}`;
  if (block.reason === 'missing') return `${where}, which is missing from the bucket while later ones are there; restore it (bucket versioning or a backup), and keep expiry rules off the changes/ folder.`;
  if (block.reason === 'newer') return `${where}, which a newer version of Clinic Workstation wrote; update this workstation.`;
  return `${where}, which cannot be opened: it was altered, or sealed with another clinic's key.`;
}

/** Notes where a folder stopped applying, or that it no longer does; writes only when that changes. */
export function recordPullBlock(db: Database, targetId: string, workstation: string, block: Omit<PullBlock, 'workstation'> | null, now: number): void {
  const stored = db
    .prepare('SELECT object, reason FROM sync_pull_blocks WHERE target_id = ? AND workstation_id = ?')
    .get<{ object: number; reason: PullBlockReason }>([targetId, workstation]);
  if (!stored && !block) return;
  if (stored && block && stored.object === block.object && stored.reason === block.reason) return;
  writeTransaction(db, () => {
    if (!block) db.prepare('DELETE FROM sync_pull_blocks WHERE target_id = ? AND workstation_id = ?').run([targetId, workstation]);
    else
      db.prepare(
        `INSERT INTO sync_pull_blocks (target_id, workstation_id, object, reason, since) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (target_id, workstation_id) DO UPDATE SET object = excluded.object, reason = excluded.reason, since = excluded.since`,
      ).run([targetId, workstation, block.object, block.reason, now]);
  });
}

/** Workstations whose changes stopped applying, on any target (where several have a block, the oldest target's: ids are time-ordered). */
export function pullBlocks(db: Database): Map<string, Omit<PullBlock, 'workstation'>> {
  const rows = db
    .prepare('SELECT workstation_id, object, reason FROM sync_pull_blocks ORDER BY target_id DESC')
    .all<{ workstation_id: string; object: number; reason: PullBlockReason }>();
  return new Map(rows.map((row) => [row.workstation_id, { object: row.object, reason: row.reason }]));
}
