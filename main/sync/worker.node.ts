/**
 * The background sync worker: its own store connection, rounds on a timer or
 * on request, never on main's event loop. Runs as a `worker_threads` worker
 * (the `sync-worker` build entry, started by main/sync/controller.ts) or as a
 * forked child process with an IPC channel (the crash tests kill it).
 */
import type Database from '@signalapp/sqlcipher';
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { SQLITE_CODE_PATTERN } from '../../preload/contract/sync.ts';
import { CdsDispatcher } from '../analytics/cds/worker-dispatcher.node.ts';
import { accountRevision } from '../accounts/replication.node.ts';
import { BlobStore } from '../files/blob-store.node.ts';
import { FILE_KEY_SECRET } from '../files/file-key.node.ts';
import { openEncrypted } from '../store/connection.node.ts';
import { schemaVersion } from '../store/migrate.node.ts';
import { SCHEMA_VERSION } from '../store/migrations/index.ts';
import { sqliteCode } from '../store/sqlite-errors.ts';
import { fetchOnDemand } from './blob-fetch.node.ts';
import { syncRound } from './replicator.node.ts';
import { classify, serviceDetail, type RetryPolicy } from './retry.ts';
import { listTargets } from './targets.node.ts';
import { insideWindow, Throttle } from './throttle.ts';
import type { TargetReport, WorkerCommand, WorkerEvent, WorkerSettings } from './worker-protocol.ts';

interface Port {
  post(event: WorkerEvent): void;
  onCommand(handler: (command: WorkerCommand) => void): void;
}

function connect(): Port {
  if (parentPort) {
    const port = parentPort;
    return { post: (event) => port.postMessage(event), onCommand: (handler) => port.on('message', handler) };
  }
  if (!process.send) throw new Error('worker.node.ts runs as a worker thread or a forked child process');
  const send = process.send.bind(process);
  return {
    post: (event) => void send(event),
    onCommand: (handler) => process.on('message', (message) => handler(revive(message as WorkerCommand))),
  };
}

/** JSON-serialised IPC turns the key into `{ type: 'Buffer', data }`; 'advanced' serialisation keeps it a Uint8Array. */
function revive(command: WorkerCommand): WorkerCommand {
  if (command.type !== 'open' || command.dbKey instanceof Uint8Array) return command;
  return { ...command, dbKey: Uint8Array.from((command.dbKey as { data: number[] }).data) };
}

const port = connect();
let db: Database | null = null;
let settings: WorkerSettings | null = null;
let blobs: BlobStore | null = null;
let blobRoot: string | null = null;
let paused = false;
let running: Promise<void> | null = null;
let again: number[] | null = null;
let timer: NodeJS.Timeout | null = null;
const throttle = new Throttle(null);
/** Someone is waiting on the screen: a few quick retries, not a round's patience. */
const ON_DEMAND_RETRY: RetryPolicy = { attempts: 4, baseMs: 200, capMs: 2_000 };
/** CDS Hooks calls go out from here too, on their own retry timer and with every round. */
const cds = new CdsDispatcher(() => db);

function schedule(): void {
  if (timer) clearTimeout(timer);
  if (settings && !paused) timer = setTimeout(() => requestRound(undefined), settings.intervalMs);
}

function requestRound(requestId: number | undefined): void {
  if (running) {
    // One round at a time; a request during a round gets the next one.
    again ??= [];
    if (requestId !== undefined) again.push(requestId);
    return;
  }
  running = round(requestId).finally(() => {
    running = null;
    const waiting = again;
    again = null;
    // The next round answers every request that arrived during this one.
    if (waiting) requestRound(waiting.length > 0 ? Math.max(...waiting) : undefined);
    else schedule();
  });
}

async function round(requestId: number | undefined): Promise<void> {
  if (!db || !settings) return;
  const requested = requestId !== undefined;
  if (paused && !requested) return;
  if (!requested && !insideWindow(settings.window, new Date())) {
    port.post({ type: 'state', state: 'outsideWindow' });
    return;
  }
  port.post({ type: 'state', state: 'syncing' });
  const accounts = accountRevision(db);
  const files = fileStore();
  const reports: TargetReport[] = [];
  for (const target of listTargets(db)) {
    if (!target.enabled || (target.stoppedCode && !requested)) continue;
    try {
      const summary = await syncRound(db, target.id, {
        batchChanges: settings.batchChanges,
        blobPath: (hash) => files?.encryptedPath(hash) ?? null,
        blobs: files ?? undefined,
        eagerBlobs: settings.eagerBlobs ?? false,
        blobPartSize: settings.blobPartSize,
        onBlobPart: (part, parts) => port.post({ type: 'blobPart', targetId: target.id, part, parts }),
        throttle: (bytes) => throttle.take(bytes),
        onObject: (direction, workstation, object, changes, bytes) => port.post({ type: 'transfer', targetId: target.id, direction, workstation, object, changes, bytes }),
      });
      reports.push({ ...summary, error: null });
    } catch (error) {
      reports.push({ targetId: target.id, pushed: { objects: 0, changes: 0, bytes: 0 }, pulled: { objects: 0, changes: 0, bytes: 0 }, blocked: [], error: roundError(error) });
    }
  }
  // "Sync now" also sends the CDS calls waiting for their retry time.
  await cds.run({ force: requested }).catch(() => undefined);
  // Before the round's answer, so a sign-in right after "sync now" finds the keyring already updating.
  if (db && accountRevision(db) !== accounts) port.post({ type: 'accountsChanged' });
  port.post({ type: 'round', requestId, reports, at: Date.now() });
  port.post({ type: 'state', state: paused ? 'paused' : 'idle' });
}

/**
 * The workstation's file store, once it has a file key: a fresh workstation
 * creates its key with its first image or document, after the worker opened.
 */
function fileStore(): BlobStore | null {
  if (blobs || !db || !blobRoot) return blobs;
  const fileKey = db.prepare('SELECT value FROM secrets WHERE name = ?', { pluck: true }).get([FILE_KEY_SECRET]);
  if (fileKey instanceof Uint8Array) blobs = new BlobStore({ root: blobRoot, fileKey });
  return blobs;
}

const fetching = new Map<string, Promise<boolean>>();

/** One download per file however many times it is asked for (a viewer opens a series at once). */
async function fetchFile(requestId: number, hash: string): Promise<void> {
  let stored = false;
  const files = fileStore();
  if (db && files) {
    const [store, connection] = [files, db];
    let pending = fetching.get(hash);
    if (!pending) {
      pending = fetchOnDemand(connection, store, hash, ON_DEMAND_RETRY).finally(() => fetching.delete(hash));
      fetching.set(hash, pending);
    }
    stored = await pending.catch(() => false);
  }
  port.post({ type: 'blobFetched', requestId, stored });
}

port.onCommand((command) => {
  switch (command.type) {
    case 'open': {
      try {
        if (!existsSync(command.dbPath)) throw new Error('The database file is missing.');
        db = openEncrypted(command.dbPath, command.dbKey);
        if (schemaVersion(db) !== SCHEMA_VERSION) throw new Error('The database schema is not the version this worker knows.');
      } catch (error) {
        port.post({ type: 'fatal', message: (error as Error).message });
        return;
      }
      settings = command.settings;
      throttle.setLimit(settings.bandwidthBytesPerSecond);
      blobRoot = command.blobRoot ?? null;
      port.post({ type: 'ready' });
      port.post({ type: 'state', state: 'idle' });
      schedule();
      cds.schedule();
      return;
    }
    case 'settings':
      settings = command.settings;
      throttle.setLimit(settings.bandwidthBytesPerSecond);
      schedule();
      return;
    case 'pause':
      paused = true;
      if (timer) clearTimeout(timer);
      if (!running) port.post({ type: 'state', state: 'paused' });
      return;
    case 'resume':
      paused = false;
      port.post({ type: 'state', state: 'idle' });
      requestRound(undefined);
      return;
    case 'syncNow':
      requestRound(command.requestId ?? -1);
      return;
    case 'fetchBlob':
      void fetchFile(command.requestId, command.hash);
      return;
    case 'cds':
      void cds.run({ now: command.now }).then(
        (report) => port.post({ type: 'cds', requestId: command.requestId, report }),
        () => port.post({ type: 'cds', requestId: command.requestId, report: null }),
      );
      return;
    case 'stop':
      if (timer) clearTimeout(timer);
      cds.stop();
      void Promise.all([running, cds.idle()]).then(() => {
        db?.close();
        db = null;
        process.exitCode = 0;
        if (parentPort) parentPort.close();
        else process.disconnect?.();
      });
      return;
  }
});

/**
 * What a failed round tells the Sync screen. A failure of this workstation's own database is named as such (by its
 * SQLite code, never its text): calling it the storage service's would send IT looking at the network.
 */
function roundError(error: unknown): NonNullable<TargetReport['error']> {
  const local = sqliteCode(error);
  if (local) {
    // Checked here: a name the contract refuses would fail the whole status answer.
    const detail = SQLITE_CODE_PATTERN.test(local) ? { sqliteCode: local } : {};
    return { code: 'LocalStore', detail, message: `This workstation's record store failed during sync (${local}); the worker will try again.`, permanent: false };
  }
  const kind = classify(error);
  if (kind !== 'transient') return { code: kind.code, detail: kind.detail, message: kind.message, permanent: true };
  return { code: 'Unreachable', detail: serviceDetail(error), message: 'The storage service could not be reached or kept failing; the worker will try again.', permanent: false };
}
