import type Database from '@signalapp/sqlcipher';

/**
 * One forward-only schema step. `up` runs inside a transaction together with
 * the `user_version` bump, so a failed step leaves the previous version intact.
 * A released migration is never edited: fix forward with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
