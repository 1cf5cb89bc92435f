import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BlobRef, PublishOutcome, StagedBlob, SyncedBlob } from '../../files/blob-store.node.ts';
import type { InstanceMetadata, RejectionReason } from './metadata.ts';
import { GroupCommit } from './group-commit.ts';
import type { DicomWorkerPool } from './pool.ts';

export interface RejectedFile {
  file: string;
  reason: RejectionReason;
}

export interface ImportReport {
  /** Files looked at (DICOMDIR index files and hidden files are not counted). */
  files: number;
  imported: number;
  duplicates: number;
  rejected: RejectedFile[];
  /** Studies that received at least one new instance. */
  studyIds: string[];
  cancelled: boolean;
  elapsedMs: number;
}

export interface ImportProgress {
  phase: 'scanning' | 'importing';
  done: number;
  total: number | null;
}

export interface IndexItem {
  metadata: InstanceMetadata;
  blob: BlobRef;
}

/** What the job needs from the store, so the CLI, the app and tests share one pipeline. */
export interface ImportSink {
  /** Makes a staged blob's temp file durable (BlobStore.syncStaged); rejects if it cannot. */
  sync(blob: StagedBlob): Promise<SyncedBlob>;
  /** Claims blobs about to be published, in one claim for the group (claims.node.ts); returns the claim. */
  claim(hashes: string[]): Promise<string>;
  /** Puts synced blobs in place (BlobStore.publish): per blob, what happened. */
  publish(blobs: SyncedBlob[]): Promise<PublishOutcome[]>;
  /** Indexes instances in one transaction: each one whole, or (on a crash) none of the batch; an instance indexed before is a duplicate. */
  index(items: IndexItem[]): Promise<{ status: 'imported' | 'duplicate'; studyId: string | null }[]>;
  /** Removes a blob this import published unless an instance uses it. */
  discard(hash: string): Promise<void>;
  /** A group's claim, once its blobs are indexed (or discarded), can go. */
  release(claim: string): Promise<void>;
}

/** Most files in one group (publish, then index transaction): large enough to pay the disk's waits once for many files, small enough to keep the store responsive. */
const INDEX_BATCH = 64;

/**
 * A file staged by a worker, its fsync under way, waiting for its group; `published` is set once its group
 * has published it, `cleanedUp` once the group is indexed (the group's duplicates discarded, its claim released).
 */
interface GroupItem {
  metadata: InstanceMetadata;
  staged: StagedBlob;
  synced: Promise<SyncedBlob | null>;
  published?: PublishOutcome;
  cleanedUp?: Promise<void>;
}

type Committed = { status: 'imported' | 'duplicate'; studyId: string | null } | { status: 'unwritable' };

export type ImportOutcome = { kind: 'imported'; studyId: string | null } | { kind: 'duplicate' } | { kind: 'rejected'; reason: RejectionReason };

/** Beyond this many files the scan stops (a mistaken drop of a whole disk). */
const MAX_FILES = 200_000;

/**
 * One import: expands files, folders (recursively) and DICOMDIRs into files, then parses and
 * encrypts each in the worker pool into a temp file (a file stored before is not written again) and
 * indexes it: files ready at the same time form a group (group-commit.ts) whose blobs are made durable
 * together and whose instances then share one store transaction, each instance indexed whole after its
 * blob is durable; an instance already indexed counts as a duplicate. A bad file is recorded with its reason and the batch goes on;
 * cancelling stops before the next file.
 */
export class ImportJob {
  readonly #pool: DicomWorkerPool;
  readonly #sink: ImportSink;
  readonly #onProgress: (progress: ImportProgress) => void;
  readonly #group: GroupCommit<GroupItem, Committed>;
  #cancelled = false;
  #nextTask = 1;

  constructor(options: { pool: DicomWorkerPool; sink: ImportSink; onProgress?: (progress: ImportProgress) => void }) {
    this.#pool = options.pool;
    this.#sink = options.sink;
    this.#onProgress = options.onProgress ?? (() => {});
    this.#group = new GroupCommit((items) => this.#commit(items), INDEX_BATCH);
  }

  cancel(): void {
    this.#cancelled = true;
  }

  async run(paths: readonly string[]): Promise<ImportReport> {
    const started = Date.now();
    const report: ImportReport = { files: 0, imported: 0, duplicates: 0, rejected: [], studyIds: [], cancelled: false, elapsedMs: 0 };
    this.#onProgress({ phase: 'scanning', done: 0, total: null });
    const files = await this.#expand(paths, report);
    report.files = files.length + report.rejected.length;
    const studies = new Set<string>();
    let next = 0;
    let done = 0;
    let lastProgress = 0;
    const tick = () => {
      done++;
      const now = Date.now();
      if (now - lastProgress >= 100 || done === files.length) {
        lastProgress = now;
        this.#onProgress({ phase: 'importing', done, total: files.length });
      }
    };
    const lane = async () => {
      while (!this.#cancelled && next < files.length) {
        const file = files[next++]!;
        const outcome = await this.#importOne(file);
        if (outcome.kind === 'imported') {
          report.imported++;
          if (outcome.studyId) studies.add(outcome.studyId);
        } else if (outcome.kind === 'duplicate') report.duplicates++;
        else report.rejected.push({ file, reason: outcome.reason });
        tick();
      }
    };
    this.#onProgress({ phase: 'importing', done: 0, total: files.length });
    // A group's worth of lanes more than worker slots: lanes waiting for their group hold only metadata (the
    // bytes are in a temp file), and the workers fill the next group while one is written.
    await Promise.all(Array.from({ length: INDEX_BATCH + Math.max(1, this.#pool.slots) }, lane));
    report.cancelled = this.#cancelled;
    // Lanes finish in any order; the report lists files as the scan found them, the same on every run.
    const order = new Map(files.map((file, index) => [file, index]));
    report.rejected.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
    report.studyIds = [...studies];
    report.elapsedMs = Date.now() - started;
    return report;
  }

  /** Imports one file already in memory (e.g. retrieved from a PACS); the bytes are handed over to a worker. */
  importBytes(bytes: Uint8Array): Promise<ImportOutcome> {
    return this.#importOne(bytes);
  }

  async #importOne(source: string | Uint8Array): Promise<ImportOutcome> {
    // The worker slot is held for reading, parsing and encrypting only; publishing and indexing run while it takes the next file.
    const staged = await this.#pool.use((worker) => {
      const id = this.#nextTask++;
      if (typeof source === 'string') return worker.request({ type: 'import', id, path: source });
      const whole = source.byteOffset === 0 && source.byteLength === source.buffer.byteLength && source.buffer instanceof ArrayBuffer;
      return worker.request({ type: 'importBytes', id, bytes: source }, whole ? [source.buffer] : []);
    });
    if (staged.type === 'failed') return { kind: 'rejected', reason: staged.reason };
    if (staged.type !== 'staged') return { kind: 'rejected', reason: 'damaged' };
    // The fsync starts now, while the file waits for its group: the group then rarely waits on the disk for it.
    const item: GroupItem = { metadata: staged.metadata, staged: staged.blob, synced: this.#sink.sync(staged.blob).catch(() => null) };
    const committed = await this.#group.add(item);
    await item.cleanedUp;
    if (committed.status === 'unwritable') return { kind: 'rejected', reason: 'unreadable' };
    return committed.status === 'duplicate' ? { kind: 'duplicate' } : { kind: 'imported', studyId: committed.studyId };
  }

  /**
   * One group: its blobs claimed (one claim, written while their fsyncs finish), made durable and put in
   * place, then every instance indexed in one transaction — so no index row ever points at a blob a crash
   * could still lose. The blobs of duplicates are then discarded and the claim released while the next group
   * goes ahead. On a retry (GroupCommit retries a failed group item by item) blobs already published are not
   * published again; a claim left by a failed group is swept later.
   */
  async #commit(items: GroupItem[]): Promise<Committed[]> {
    const toPublish = items.filter((item) => item.published === undefined && item.staged.temp !== null);
    const [blobs, claim] = await Promise.all([Promise.all(items.map((item) => item.synced)), toPublish.length > 0 ? this.#sink.claim(toPublish.map((item) => item.staged.hash)) : null]);
    const unpublished = items.flatMap((item, i) => (item.published === undefined && blobs[i] ? [i] : []));
    for (const [i, item] of items.entries()) if (!blobs[i]) item.published = 'failed';
    if (unpublished.length > 0) {
      const outcomes = await this.#sink.publish(unpublished.map((i) => blobs[i]!));
      unpublished.forEach((i, n) => (items[i]!.published = outcomes[n]));
    }
    const ready = items.flatMap((item, i) => (item.published !== 'failed' ? [i] : []));
    const indexed = ready.length > 0 ? await this.#sink.index(ready.map((i) => ({ metadata: items[i]!.metadata, blob: { hash: blobs[i]!.hash, size: blobs[i]!.size } }))) : [];
    const out: Committed[] = items.map(() => ({ status: 'unwritable' }));
    ready.forEach((i, n) => (out[i] = indexed[n]!));
    const cleanedUp = (async () => {
      // A SOP Instance already indexed: a blob this import wrote for it (different bytes) is not kept.
      await Promise.all(ready.map((i) => (out[i]!.status === 'duplicate' && items[i]!.published === 'created' ? this.#sink.discard(blobs[i]!.hash) : null)));
      if (claim !== null) await this.#sink.release(claim);
    })();
    for (const item of items) item.cleanedUp = cleanedUp;
    return out;
  }

  /** Files to import, in a stable order; unreadable paths go straight to the report. */
  async #expand(paths: readonly string[], report: ImportReport): Promise<string[]> {
    const files: string[] = [];
    const seen = new Set<string>();
    const visitedDirs = new Set<string>();
    const add = (file: string) => {
      if (seen.has(file) || files.length >= MAX_FILES) return;
      seen.add(file);
      files.push(file);
    };
    const walk = async (path: string, explicit: boolean): Promise<void> => {
      if (this.#cancelled) return;
      const info = await stat(path).catch(() => null);
      if (!info) {
        if (explicit) report.rejected.push({ file: path, reason: 'unreadable' });
        return;
      }
      if (info.isDirectory()) {
        const real = await realpath(path).catch(() => path);
        if (visitedDirs.has(real)) return;
        visitedDirs.add(real);
        const entries = (await readdir(path).catch(() => [] as string[])).sort();
        for (const name of entries) {
          if (name.startsWith('.')) continue;
          const child = join(path, name);
          // Symbolic links to folders are followed once (visitedDirs), links to files like files.
          if ((await lstat(child).catch(() => null)) === null) continue;
          await walk(child, false);
        }
        return;
      }
      if (!info.isFile()) return;
      if (basename(path).toUpperCase() === 'DICOMDIR') {
        if (explicit) for (const file of await this.#dicomDirFiles(path)) add(file);
        // Inside a folder scan, the referenced files are found by the scan itself.
        return;
      }
      add(path);
    };
    for (const path of paths) await walk(path, true);
    return files;
  }

  /** The existing files a DICOMDIR references; names on CDs are upper case, mounted media may not be. */
  async #dicomDirFiles(path: string): Promise<string[]> {
    const reply = await this.#pool.use((worker) => worker.request({ type: 'dicomdir', id: this.#nextTask++, path }));
    if (reply.type !== 'dicomdir' || !reply.files) return [];
    const root = dirname(path);
    const listings = new Map<string, string[]>();
    const resolved: string[] = [];
    for (const parts of reply.files) {
      let current = root;
      for (const part of parts) {
        let names = listings.get(current);
        if (!names) {
          names = await readdir(current).catch(() => [] as string[]);
          listings.set(current, names);
        }
        const name = names.find((candidate) => candidate === part) ?? names.find((candidate) => candidate.toUpperCase() === part.toUpperCase());
        if (!name) {
          current = '';
          break;
        }
        current = join(current, name);
      }
      if (current) resolved.push(current);
    }
    return resolved;
  }
}
