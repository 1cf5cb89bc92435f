import type Database from '@signalapp/sqlcipher';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX_SOURCES, RECENT_SQL, SUBSTRING_SQL } from '../../../main/patients/search.node.ts';
import { openEncrypted } from '../../../main/store/connection.node.ts';
import { migrate } from '../../../main/store/migrate.node.ts';

/** Query plans, so that no search turns into a table scan as the schema evolves. */
describe('search query plans', () => {
  let dir: string;
  let db: Database;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-plan-'));
    db = openEncrypted(join(dir, 'records.db'), randomBytes(32));
    migrate(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = (sql: string, params: Record<string, string | number>) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(params)
      .map((row) => String(row.detail))
      .join('\n');

  it.each(PREFIX_SOURCES.map((source) => [source.field, source.sql] as const))('%s lookups use an index', (_field, sql) => {
    const text = plan(`${sql} LIMIT $limit`, { value: 'ab', limit: 20 });
    expect(text).toMatch(/USING (COVERING )?INDEX/);
    expect(text).not.toMatch(/SCAN (p|ph|patients)\b/);
  });

  it('takes substrings from the trigram index and recently seen from the views index', () => {
    expect(plan(SUBSTRING_SQL, { match: '"abc"', limit: 20 })).toMatch(/SCAN patient_search VIRTUAL TABLE INDEX/);
    expect(plan(RECENT_SQL, { userId: 'u', limit: 20 })).toMatch(/USING (COVERING )?INDEX patient_views_recent/);
  });
});
