import type Database from '@signalapp/sqlcipher';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../main/store/connection.node.ts';
import { StoreError } from '../../main/store/errors.ts';
import { migrate, schemaVersion } from '../../main/store/migrate.node.ts';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../main/store/migrations/index.ts';
import { fromSqliteError } from '../../main/store/sqlite-errors.ts';
import { useTempDir } from './helpers.ts';

const tempDir = useTempDir();
const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function newDb(): Database {
  const db = openEncrypted(join(tempDir(), 'records.db'), randomBytes(32));
  open.push(db);
  return db;
}

function schemaOf(db: Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('reach the same schema from every earlier version, keeping existing rows', () => {
    const fresh = newDb();
    migrate(fresh);
    const expected = schemaOf(fresh);
    for (let version = 0; version < SCHEMA_VERSION; version++) {
      const db = newDb();
      migrate(db, MIGRATIONS.slice(0, version));
      expect(schemaVersion(db)).toBe(version);
      if (version >= 1) db.exec("INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES ('u1', 'admin', 'Admin', 'admin', 0, 0)");
      expect(migrate(db)).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT count(*) FROM users', { pluck: true }).get()).toBe(version >= 1 ? 1 : 0);
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(schemaOf(db)).toEqual(expected);
    }
  });

  it('move sync states to an ordinary table, whose rows of a kilobyte or more stay in place, keeping every state (017)', () => {
    const db = newDb();
    migrate(db, MIGRATIONS.slice(0, 16));
    const state = (i: number) => JSON.stringify({ fullName: ['0000000000001-000000-ws', `患者${i}`.repeat(150)], patientId: ['0000000000001-000000-ws', `p${i % 7}`] });
    const pages = () => db.prepare('PRAGMA page_count', { pluck: true }).get() as number;
    const empty = pages();
    const insert = db.prepare('INSERT INTO sync_entity_state (entity, entity_id, state) VALUES (?, ?, ?)');
    for (let i = 0; i < 200; i++) insert.run(['patient_note', `n${i}`, state(i)]);
    const filled = pages();
    migrate(db);
    expect(db.prepare("SELECT count(*) FROM sync_entity_state WHERE entity = 'patient_note'", { pluck: true }).get()).toBe(200);
    expect(db.prepare("SELECT state FROM sync_entity_state WHERE entity = 'patient_note' AND entity_id = 'n42'", { pluck: true }).get()).toBe(state(42));
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT entity_id FROM sync_entity_state WHERE json_extract(state, '$.patientId[1]') = 'p3'").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('sync_state_by_patient');
    // The (entity, id) key still makes a second write of an entity an update.
    db.prepare('INSERT INTO sync_entity_state (entity, entity_id, state) VALUES (?, ?, ?) ON CONFLICT (entity, entity_id) DO UPDATE SET state = excluded.state').run(['patient_note', 'n42', '{}']);
    expect(db.prepare("SELECT state FROM sync_entity_state WHERE entity_id = 'n42'", { pluck: true }).all()).toEqual(['{}']);
    // No overflow page per row any more: the states take well under half the pages they did.
    db.exec('VACUUM');
    expect(pages() - empty).toBeLessThan((filled - empty) / 2);
  });

  it('are idempotent once applied', () => {
    const db = newDb();
    migrate(db);
    const before = schemaOf(db);
    migrate(db);
    expect(schemaOf(db)).toEqual(before);
  });

  it('refuse a database newer than the app', () => {
    const db = newDb();
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
  });

  it('roll a failed step back entirely and keep the previous version', () => {
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const db = newDb();
    const error = (() => {
      try {
        migrate(db, [...MIGRATIONS, broken]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', details: { version: SCHEMA_VERSION + 1 } });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'", { pluck: true }).get()).toBe(0);
  });
});

describe('initial schema', () => {
  function audited(db: Database) {
    db.prepare(
      "INSERT INTO audit (seq, at, action, outcome, prev_hash, hash) VALUES (1, 1, 'login', 'success', ?, ?)",
    ).run(['0'.repeat(64), 'a'.repeat(64)]);
  }

  it('keeps the audit trail append-only', () => {
    const db = newDb();
    migrate(db);
    audited(db);
    for (const sql of ["UPDATE audit SET action = 'logout'", 'DELETE FROM audit']) {
      let error: unknown;
      try {
        db.exec(sql);
      } catch (caught) {
        error = caught;
      }
      expect(fromSqliteError(error)).toMatchObject({ code: 'CONSTRAINT', details: { sqlite: 'SQLITE_CONSTRAINT_TRIGGER' } });
    }
    expect(db.prepare('SELECT count(*) FROM audit', { pluck: true }).get()).toBe(1);
  });

  it('enforces roles and case-insensitive unique usernames', () => {
    const db = newDb();
    migrate(db);
    const insert = db.prepare('INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
    insert.run(['u1', 'Alice', 'Alice', 'admin']);
    expect(() => insert.run(['u2', 'alice', 'Alice 2', 'nurse'])).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(() => insert.run(['u3', 'bob', 'Bob', 'janitor'])).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
  });

  it('serves name-prefix lookups from the name_key index', () => {
    const db = newDb();
    migrate(db);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM patients WHERE name_key >= ? AND name_key < ? || char(1114111) ORDER BY name_key LIMIT 20")
      .all(['ab', 'ab'])
      .map((row) => String(row.detail));
    expect(plan.join('\n')).toMatch(/USING INDEX patients_by_name_key/);
  });
});
