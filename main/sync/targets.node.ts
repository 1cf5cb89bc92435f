import type Database from '@signalapp/sqlcipher';
import type { SyncProblemCode } from '../../preload/contract/sync.ts';
import { knownStopCode } from './retry.ts';
import type { TargetConfig, TargetCredentials } from './s3-target.ts';

export interface TargetRow {
  id: string;
  name: string;
  config: TargetConfig;
  enabled: boolean;
  stoppedCode: SyncProblemCode | null;
  lastSuccessAt: number | null;
}

type Row = { id: string; name: string; config: string; enabled: number; stopped_code: string | null; last_success_at: number | null };

const toTarget = (row: Row): TargetRow => ({
  id: row.id,
  name: row.name,
  config: JSON.parse(row.config) as TargetConfig,
  enabled: row.enabled === 1,
  stoppedCode: row.stopped_code === null ? null : knownStopCode(row.stopped_code),
  lastSuccessAt: row.last_success_at,
});

const credentialsSecret = (id: string) => `sync.target.${id}`;

export function listTargets(db: Database): TargetRow[] {
  return db.prepare('SELECT * FROM sync_targets ORDER BY created_at, id').all<Row>().map(toTarget);
}

export function getTarget(db: Database, id: string): TargetRow | null {
  const row = db.prepare('SELECT * FROM sync_targets WHERE id = ?').get<Row>([id]);
  return row ? toTarget(row) : null;
}

/** Adds or changes a target; new settings clear a stop, so the next round tries again. */
export function saveTarget(db: Database, target: { id: string; name: string; config: TargetConfig; credentials: TargetCredentials | null }, now: number): void {
  forgetProgressIfMoved(db, target.id, target.config);
  db.prepare(
    `INSERT INTO sync_targets (id, name, config, enabled, stopped_code, created_at, updated_at) VALUES ($id, $name, $config, 1, NULL, $now, $now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config, stopped_code = NULL, updated_at = excluded.updated_at`,
  ).run({ id: target.id, name: target.name, config: JSON.stringify(target.config), now });
  if (target.credentials) {
    db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run([
      credentialsSecret(target.id),
      Buffer.from(JSON.stringify(target.credentials), 'utf8'),
      now,
    ]);
  }
}

/** Removes a target with its credentials; its progress (push checkpoint, cursors, uploads) goes with it by cascade. */
export function removeTarget(db: Database, id: string): boolean {
  db.prepare('DELETE FROM secrets WHERE name = ?').run([credentialsSecret(id)]);
  return db.prepare('DELETE FROM sync_targets WHERE id = ?').run([id]).changes > 0;
}

export function targetCredentials(db: Database, id: string): TargetCredentials | null {
  const value = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([credentialsSecret(id)]);
  return value instanceof Uint8Array ? (JSON.parse(Buffer.from(value).toString('utf8')) as TargetCredentials) : null;
}

export function markStopped(db: Database, id: string, code: string | null): void {
  db.prepare('UPDATE sync_targets SET stopped_code = ? WHERE id = ?').run([code, id]);
}

export function markSuccess(db: Database, id: string, now: number): void {
  db.prepare('UPDATE sync_targets SET last_success_at = ?, stopped_code = NULL WHERE id = ?').run([now, id]);
}

/**
 * A target pointed at another place (endpoint, bucket or prefix) starts over
 * there: everything is pushed again from the first object, every folder is
 * read from the start, and part uploads begun at the old place are dropped.
 * Numbering on from the old place would leave the new one with a gap that
 * readers stop at.
 */
function forgetProgressIfMoved(db: Database, id: string, config: TargetConfig): void {
  const stored = db.prepare('SELECT config FROM sync_targets WHERE id = ?', { pluck: true }).get([id]);
  if (typeof stored !== 'string') return;
  const before = JSON.parse(stored) as TargetConfig;
  if (before.endpoint === config.endpoint && before.bucket === config.bucket && before.prefix === config.prefix) return;
  for (const table of ['sync_push', 'sync_cursors', 'sync_pull_blocks', 'sync_blob_uploads']) db.prepare(`DELETE FROM ${table} WHERE target_id = ?`).run([id]);
}
