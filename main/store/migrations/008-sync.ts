import type Database from '@signalapp/sqlcipher';
import type { Migration } from './migration.ts';

/**
 * Sync (main/sync): the merged field state of every replicated entity, the
 * push checkpoint and pull cursors per target, and the bookkeeping that keeps
 * replicas identical when rows arrive out of order or claim the same unique
 * value.
 */
export default {
  version: 8,
  name: 'sync',
  up(db) {
    db.exec(`
      -- Per-field last-writer-wins state: {"field": ["<hlc>", value], …}. A row's
      -- columns are a pure function of this, so replicas that hold the same
      -- states hold the same rows whatever order the changes arrived in.
      CREATE TABLE sync_entity_state (
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (json_valid(state)),
        PRIMARY KEY (entity, entity_id)
      ) STRICT, WITHOUT ROWID;
      -- Merges re-point rows by the patient their state names, and follow merge chains.
      CREATE INDEX sync_state_by_patient ON sync_entity_state (json_extract(state, '$.patientId[1]'))
        WHERE json_extract(state, '$.patientId[1]') IS NOT NULL;
      CREATE INDEX sync_state_by_merge ON sync_entity_state (json_extract(state, '$.mergedInto[1]'))
        WHERE json_extract(state, '$.mergedInto[1]') IS NOT NULL;

      -- Entities whose state refers to a row that has not arrived yet; written once it has.
      CREATE TABLE sync_pending (
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id)
      ) STRICT, WITHOUT ROWID;

      -- Records that lost a unique value (MRN, identifier) to a record with a smaller id, and wait for it.
      CREATE TABLE sync_claims (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (kind, value, entity_id)
      ) STRICT, WITHOUT ROWID;

      -- S3-compatible targets; credentials live in secrets ('sync.target.<id>').
      CREATE TABLE sync_targets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        config TEXT NOT NULL CHECK (json_valid(config)),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        -- Set when a permanent failure (bad credentials, missing bucket) stopped the target.
        stopped_code TEXT,
        last_success_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Push checkpoint: outbox rows up to pushed_seq are in the cloud. A batch is
      -- fixed (object number and outbox range) before its upload, so a retry after
      -- a crash rewrites the same object rather than creating a second one.
      CREATE TABLE sync_push (
        target_id TEXT PRIMARY KEY REFERENCES sync_targets (id) ON DELETE CASCADE,
        next_object INTEGER NOT NULL DEFAULT 1,
        pushed_seq INTEGER NOT NULL DEFAULT 0,
        pending_first INTEGER,
        pending_last INTEGER,
        CHECK ((pending_first IS NULL) = (pending_last IS NULL))
      ) STRICT;

      -- Pull cursors: the next object number to apply from each other workstation.
      CREATE TABLE sync_cursors (
        target_id TEXT NOT NULL REFERENCES sync_targets (id) ON DELETE CASCADE,
        workstation_id TEXT NOT NULL,
        next_object INTEGER NOT NULL,
        changes_applied INTEGER NOT NULL DEFAULT 0,
        last_pulled_at INTEGER,
        PRIMARY KEY (target_id, workstation_id)
      ) STRICT, WITHOUT ROWID;

      -- The clinic's workstations as this one knows them; a revoked one's objects are no longer applied.
      CREATE TABLE sync_workstations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        enrolled_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;

      -- Multipart uploads of image files in progress: the upload id and each finished part's ETag,
      -- so an upload cut by a crash or a lost network resumes at the first missing part.
      CREATE TABLE sync_blob_uploads (
        target_id TEXT NOT NULL REFERENCES sync_targets (id) ON DELETE CASCADE,
        hash TEXT NOT NULL,
        upload_id TEXT NOT NULL,
        part_size INTEGER NOT NULL,
        parts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(parts)),
        PRIMARY KEY (target_id, hash)
      ) STRICT, WITHOUT ROWID;

      -- The worker's schedule: one row, as the Sync screen saves it (preload/contract/sync.ts).
      CREATE TABLE sync_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
      ) STRICT;
      INSERT INTO sync_settings (id, settings) VALUES (1, '{"intervalMinutes":5,"bandwidthKiBps":null,"window":null,"eagerImages":false}');
    `);
    backfillState(db);
  },
} satisfies Migration;

/** Changes recorded before this migration become field state, in commit order. */
function backfillState(db: Database): void {
  const rows = db.prepare('SELECT hlc, entity, entity_id, op, fields FROM outbox ORDER BY seq').all<{ hlc: string; entity: string; entity_id: string; op: string; fields: string }>();
  const states = new Map<string, Record<string, [string, unknown]>>();
  for (const row of rows) {
    const key = JSON.stringify([row.entity, row.entity_id]);
    const state = states.get(key) ?? {};
    const fields = row.op === 'delete' ? { _deleted: true } : (JSON.parse(row.fields) as Record<string, unknown>);
    for (const [field, value] of Object.entries(fields)) state[field] = [row.hlc, value];
    states.set(key, state);
  }
  const insert = db.prepare('INSERT INTO sync_entity_state (entity, entity_id, state) VALUES (?, ?, ?)');
  for (const [key, state] of states) {
    const [entity, id] = JSON.parse(key) as [string, string];
    insert.run([entity, id, JSON.stringify(state)]);
  }
}
