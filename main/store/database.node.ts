import type Database from '@signalapp/sqlcipher';
import { existsSync } from 'node:fs';
import { keyId } from '../keys/derive.ts';
import { openEncrypted, openPlain, rekey, type Tuning } from './connection.node.ts';
import { StoreError } from './errors.ts';
import type { BackupInfo, OpenRequest, Query, StoreInfo } from './interface.ts';
import { migrate, schemaVersion } from './migrate.node.ts';
import { registry } from './methods.ts';
import type { StoreOps } from './protocol.ts';
import { isReadOnly, readTransaction } from './read-only.node.ts';
import { writeTransaction } from './write-transaction.node.ts';
import { recoverInterruptedSwap, swapIn, undoSwap, verifyCandidate } from './restore.node.ts';

interface OpenState {
  readonly db: Database;
  readonly path: string;
  readonly tuning: Tuning | undefined;
  /** Kept for restore, which opens the candidate and reopens with it; null when plain. */
  key: Buffer | null;
}

/** The worker's side of the store: one connection, every operation synchronous. */
export class StoreDatabase implements StoreOps {
  #state: OpenState | null = null;

  open(request: OpenRequest): StoreInfo {
    if (this.#state) throw new StoreError('ALREADY_OPEN');
    recoverInterruptedSwap(request.path);
    if (!request.create && !existsSync(request.path)) throw new StoreError('DB_MISSING');
    const key = request.mode === 'encrypted' ? Buffer.from(request.key) : null;
    const db = key ? openEncrypted(request.path, key, request.tuning) : openPlain(request.path, request.tuning);
    try {
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#state = { db, path: request.path, tuning: request.tuning, key };
    return this.info();
  }

  call(method: string, args: unknown[]): unknown {
    const { db } = this.#open();
    const query = lookup(method);
    if (!Array.isArray(args)) throw new StoreError('UNKNOWN_METHOD');
    // Every method is one transaction, so a later outbox row commits or rolls back with it.
    const run = query as (db: Database, ...args: unknown[]) => unknown;
    return (isReadOnly(run) ? readTransaction : writeTransaction)(db, () => run(db, ...args));
  }

  rekey(key: Uint8Array): void {
    const state = this.#encrypted();
    rekey(state.db, key);
    state.key = Buffer.from(key);
  }

  backup(path: string): BackupInfo {
    const state = this.#encrypted();
    // VACUUM INTO writes a compact snapshot, encrypted under the same key, including committed WAL content.
    state.db.prepare('VACUUM INTO ?').run([path]);
    return { schemaVersion: schemaVersion(state.db), keyId: keyId(state.key) };
  }

  restore(candidatePath: string, candidateKey: Uint8Array | null): StoreInfo {
    const state = this.#encrypted();
    verifyCandidate(candidatePath, candidateKey ?? state.key, state.key);
    const { path } = state;
    const key = Buffer.from(state.key);
    const reopen: OpenRequest = { mode: 'encrypted', path, key, create: false, tuning: state.tuning };
    this.close();
    try {
      swapIn(path, candidatePath);
    } catch (error) {
      this.open(reopen);
      throw error;
    }
    try {
      return this.open(reopen);
    } catch (error) {
      undoSwap(path);
      this.open(reopen);
      throw error;
    } finally {
      key.fill(0);
    }
  }

  checkpoint(): void {
    this.#open().db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  info(): StoreInfo {
    const state = this.#open();
    return { schemaVersion: schemaVersion(state.db), keyId: state.key ? keyId(state.key) : null };
  }

  close(): void {
    const state = this.#open();
    this.#state = null;
    state.key?.fill(0);
    try {
      // Refreshes planner statistics cheaply, as SQLite recommends before closing.
      state.db.exec('PRAGMA optimize');
    } finally {
      state.db.close();
    }
  }

  #open(): OpenState {
    if (!this.#state) throw new StoreError('NOT_OPEN');
    return this.#state;
  }

  #encrypted(): OpenState & { key: Buffer } {
    const state = this.#open();
    if (!state.key) throw new StoreError('INTERNAL', { reason: 'plain database' });
    return state as OpenState & { key: Buffer };
  }
}

function lookup(method: string): Query {
  const [moduleName = '', queryName = ''] = method.split('.');
  const modules: Readonly<Record<string, Readonly<Record<string, Query>>>> = registry;
  const module = Object.hasOwn(modules, moduleName) ? modules[moduleName] : undefined;
  const query = module && Object.hasOwn(module, queryName) ? module[queryName] : undefined;
  if (typeof query !== 'function' || method.split('.').length !== 2) throw new StoreError('UNKNOWN_METHOD');
  return query;
}
