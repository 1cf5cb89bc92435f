import type Database from '@signalapp/sqlcipher';

/** Outbox changes and an estimate of their size not yet in the target. */
export function pendingPush(db: Database, targetId: string): { changes: number; bytes: number } {
  const pushed = (db.prepare('SELECT pushed_seq FROM sync_push WHERE target_id = ?', { pluck: true }).get([targetId]) as number | undefined) ?? 0;
  return db.prepare('SELECT count(*) AS changes, coalesce(sum(length(fields) + 80), 0) AS bytes FROM outbox WHERE seq > ?').get<{ changes: number; bytes: number }>([pushed])!;
}
