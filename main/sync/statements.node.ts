import type Database from '@signalapp/sqlcipher';
import type { Statement, StatementOptions } from '@signalapp/sqlcipher';

type Cache = { rows: Map<string, Statement<object>>; plucked: Map<string, Statement<{ pluck: true }>> };

const caches = new WeakMap<Database, Cache>();

/**
 * A prepared statement kept per connection under its SQL text. The driver's
 * own cache keys each lookup by a freshly joined string, so a long upsert is
 * re-hashed on every call; the sync apply runs such statements per entity.
 */
export function prepared(db: Database, sql: string): Statement<object>;
export function prepared(db: Database, sql: string, options: { pluck: true }): Statement<{ pluck: true }>;
export function prepared(db: Database, sql: string, options?: { pluck: true }): Statement<StatementOptions> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { rows: new Map(), plucked: new Map() }));
  if (options) {
    let statement = cache.plucked.get(sql);
    if (!statement) cache.plucked.set(sql, (statement = db.prepare(sql, options)));
    return statement;
  }
  let statement = cache.rows.get(sql);
  if (!statement) cache.rows.set(sql, (statement = db.prepare(sql)));
  return statement;
}
