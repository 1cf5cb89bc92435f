import type Database from '@signalapp/sqlcipher';
import type { QueryModule } from '../interface.ts';

/** Server credentials and similar, protected by the database encryption. */
export const secretQueries = {
  get(db: Database, name: string): Uint8Array | null {
    const value = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([name]);
    return value instanceof Uint8Array ? new Uint8Array(value) : null;
  },

  put(db: Database, name: string, value: Uint8Array): void {
    db.prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run([
      name,
      new Uint8Array(value),
      Date.now(),
    ]);
  },

  delete(db: Database, name: string): boolean {
    return db.prepare('DELETE FROM secrets WHERE name = ?').run([name]).changes > 0;
  },
} satisfies QueryModule;
