import type Database from '@signalapp/sqlcipher';
import type { PacsServer } from '../../../preload/contract/imaging.ts';
import { uuidv7 } from '../../store/ids.ts';
import { StoreError } from '../../store/errors.ts';

type PacsRow = { id: string; name: string; base_url: string; auth: PacsServer['auth']; username: string; forward_new: number };

const COLUMNS = 'id, name, base_url, auth, username, forward_new';

export interface PacsConfig extends Omit<PacsServer, 'hasSecret' | 'forwardNew'> {
  /** Password or token, UTF-8; empty when none is stored. */
  secret: string;
}

export interface PacsInput {
  id?: string | undefined;
  name: string;
  baseUrl: string;
  auth: PacsServer['auth'];
  username: string;
  /** Undefined keeps the stored secret. */
  secret?: string | undefined;
  /** Send studies imported from now on to this server (forward.node.ts). */
  forwardNew: boolean;
}

const secretName = (id: string) => `imaging.pacs.${id}`;

function secretOf(db: Database, id: string): string {
  const value = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([secretName(id)]);
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : '';
}

function toServer(db: Database, row: PacsRow): PacsServer {
  return { id: row.id, name: row.name, baseUrl: row.base_url, auth: row.auth, username: row.username, hasSecret: secretOf(db, row.id) !== '', forwardNew: row.forward_new === 1 };
}

export function listPacs(db: Database): PacsServer[] {
  return db.prepare(`SELECT ${COLUMNS} FROM imaging_pacs ORDER BY name, id`).all<PacsRow>().map((row) => toServer(db, row));
}

/** A server with its secret, for main's DICOMweb client only (never returned over the contract). */
export function pacsConfig(db: Database, id: string): PacsConfig {
  const row = db.prepare(`SELECT ${COLUMNS} FROM imaging_pacs WHERE id = ?`).get<PacsRow>([id]);
  if (!row) throw new StoreError('NOT_FOUND', { reason: 'no pacs' });
  return { id: row.id, name: row.name, baseUrl: row.base_url, auth: row.auth, username: row.username, secret: secretOf(db, id) };
}

/**
 * Adds or updates a server; its secret lives in the secrets table (protected by the database encryption). Saving
 * clears a stop of its forwarding: the settings that caused it may be what changed.
 */
export function savePacs(db: Database, input: PacsInput, now: number): PacsServer {
  const id = input.id ?? uuidv7(now);
  if (input.id) {
    const changed = db
      .prepare('UPDATE imaging_pacs SET name = ?, base_url = ?, auth = ?, username = ?, forward_new = ?, forward_stopped = NULL, updated_at = ? WHERE id = ?')
      .run([input.name, input.baseUrl, input.auth, input.username, input.forwardNew ? 1 : 0, now, id]).changes;
    if (changed === 0) throw new StoreError('NOT_FOUND', { reason: 'no pacs' });
    // Turned off: what waits is not sent later, when it is turned on again.
    if (!input.forwardNew) db.prepare('DELETE FROM imaging_pacs_forward WHERE pacs_id = ?').run([id]);
  } else {
    db.prepare('INSERT INTO imaging_pacs (id, name, base_url, auth, username, forward_new, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run([
      id,
      input.name,
      input.baseUrl,
      input.auth,
      input.username,
      input.forwardNew ? 1 : 0,
      now,
      now,
    ]);
  }
  if (input.auth === 'none') db.prepare('DELETE FROM secrets WHERE name = ?').run([secretName(id)]);
  else if (input.secret !== undefined) {
    db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run([
      secretName(id),
      new Uint8Array(Buffer.from(input.secret, 'utf8')),
      now,
    ]);
  }
  return toServer(db, db.prepare(`SELECT ${COLUMNS} FROM imaging_pacs WHERE id = ?`).get<PacsRow>([id])!);
}

export function removePacs(db: Database, id: string): boolean {
  db.prepare('DELETE FROM secrets WHERE name = ?').run([secretName(id)]);
  return db.prepare('DELETE FROM imaging_pacs WHERE id = ?').run([id]).changes > 0;
}

/** The blobs of a study's instances, in series and instance order (STOW, export). */
export function studyBlobs(db: Database, studyId: string): { instanceId: string; hash: string; sopInstanceUid: string }[] {
  const exists = db.prepare('SELECT 1 FROM imaging_studies WHERE id = ? AND deleted_at IS NULL', { pluck: true }).get([studyId]);
  if (exists === undefined) throw new StoreError('NOT_FOUND');
  return db
    .prepare(
      `SELECT i.id AS instanceId, i.blob_hash AS hash, i.sop_instance_uid AS sopInstanceUid FROM imaging_instances i JOIN imaging_series se ON se.id = i.series_id
       WHERE se.study_id = ? ORDER BY se.series_number, se.series_uid, i.instance_number, i.sop_instance_uid`,
    )
    .all<{ instanceId: string; hash: string; sopInstanceUid: string }>([studyId]);
}
