import type Database from '@signalapp/sqlcipher';
import type { CdsServer, CdsService } from '../../../preload/contract/analytics.ts';
import { StoreError } from '../../store/errors.ts';

type ServerRow = {
  id: string;
  name: string;
  base_url: string;
  enabled: number;
  timeout_ms: number;
  services: string;
  discovered_at: number | null;
  discovery_error: string | null;
  failures: number;
  open_until: number | null;
};

/** The secrets row holding a server's bearer token. */
export const credentialName = (serverId: string) => `cds:${serverId}`;

function toServer(db: Database, row: ServerRow): CdsServer {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    enabled: row.enabled === 1,
    timeoutMs: row.timeout_ms,
    hasCredential: db.prepare('SELECT 1 FROM secrets WHERE name = ?').get([credentialName(row.id)]) !== undefined,
    services: JSON.parse(row.services) as CdsService[],
    discoveredAt: row.discovered_at,
    discoveryError: row.discovery_error,
    failures: row.failures,
    openUntil: row.open_until,
  };
}

function getServer(db: Database, id: string): CdsServer | null {
  const row = db.prepare('SELECT * FROM cds_servers WHERE id = ?').get<ServerRow>([id]);
  return row ? toServer(db, row) : null;
}

export function listServers(db: Database): CdsServer[] {
  return db.prepare('SELECT * FROM cds_servers ORDER BY name').all<ServerRow>().map((row) => toServer(db, row));
}

export interface ServerSave {
  id: string;
  name: string;
  baseUrl: string;
  enabled: boolean;
  timeoutMs: number;
  /** Bytes of the bearer token; undefined keeps it, null removes it. */
  credential: Uint8Array | null | undefined;
}

export function saveServer(db: Database, server: ServerSave, now: number): CdsServer {
  const existing = db.prepare('SELECT id FROM cds_servers WHERE base_url = ? AND id <> ?').get([server.baseUrl, server.id]);
  if (existing) throw new StoreError('CONFLICT', { reason: 'duplicate-url' });
  db.prepare(
    `INSERT INTO cds_servers (id, name, base_url, enabled, timeout_ms, created_at, updated_at) VALUES ($id, $name, $url, $enabled, $timeout, $now, $now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, enabled = excluded.enabled, timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at`,
  ).run({ id: server.id, name: server.name, url: server.baseUrl, enabled: server.enabled ? 1 : 0, timeout: server.timeoutMs, now });
  if (server.credential === null) db.prepare('DELETE FROM secrets WHERE name = ?').run([credentialName(server.id)]);
  else if (server.credential) {
    db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run([
      credentialName(server.id),
      new Uint8Array(server.credential),
      now,
    ]);
  }
  return getServer(db, server.id)!;
}

export function recordDiscovery(db: Database, id: string, outcome: { services: CdsService[] } | { error: string }, now: number): CdsServer {
  if ('services' in outcome) {
    db.prepare('UPDATE cds_servers SET services = ?, discovered_at = ?, discovery_error = NULL WHERE id = ?').run([JSON.stringify(outcome.services), now, id]);
  } else {
    db.prepare('UPDATE cds_servers SET discovery_error = ? WHERE id = ?').run([outcome.error, id]);
  }
  const server = getServer(db, id);
  if (!server) throw new StoreError('NOT_FOUND');
  return server;
}

/** Connection details for a call from main: never sent to the renderer. */
export function serverConnection(db: Database, id: string): { baseUrl: string; timeoutMs: number; credential: string | null } | null {
  const row = db.prepare('SELECT base_url, timeout_ms FROM cds_servers WHERE id = ?').get<{ base_url: string; timeout_ms: number }>([id]);
  if (!row) return null;
  const secret = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([credentialName(id)]);
  return { baseUrl: row.base_url, timeoutMs: row.timeout_ms, credential: secret instanceof Uint8Array ? new TextDecoder().decode(secret) : null };
}
