import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { BlobStore } from '../../files/blob-store.node.ts';
import { dicomDirFiles } from './dicomdir.node.ts';
import type { RejectionReason } from './metadata.ts';
import { parseDicom } from './parse-dicom.node.ts';
import type { DicomWorkerData, WorkerReply, WorkerTask } from './worker-protocol.ts';

/** Largest file read whole: the biggest multi-frame objects seen in practice stay well below. */
const MAX_FILE_BYTES = 2 ** 30;
/**
 * Files up to this size (most single images) are read into one buffer kept from file to file, saving an
 * allocation (its page faults and its collection) per slice. Safe because an import is handled
 * synchronously, start to finish, and nothing keeps the bytes after its reply.
 */
const REUSED_BUFFER_BYTES = 8 * 1024 * 1024;
let reused = new Uint8Array(0);

/**
 * Parses untrusted DICOM files off main's event loop and encrypts the accepted ones into temp files of the
 * blob store, neither durable nor published: main makes them durable and publishes them a group at a time
 * before indexing them (import-job.ts). Imports are read and written synchronously: a worker has nothing
 * else to do meanwhile, and the process's small libuv pool (four threads, shared by every thread) stays free
 * for the fsyncs; the pool queues a worker's next file while it works (pool.ts).
 */
const data = workerData as DicomWorkerData;
const blobs = new BlobStore({ root: data.blobRoot, fileKey: data.fileKey });
const port = parentPort!;

port.on('message', (task: WorkerTask) => void handle(task));

async function handle(task: WorkerTask): Promise<void> {
  try {
    if (task.type === 'import' || task.type === 'importBytes') {
      const bytes = task.type === 'import' ? readWhole(task.path) : task.bytes;
      if (typeof bytes === 'string') return reply({ type: 'failed', id: task.id, reason: bytes });
      const outcome = parseDicom(bytes);
      if (!outcome.ok) return reply({ type: 'failed', id: task.id, reason: outcome.reason });
      // A file stored before (a re-import) is recognised by its name and not written again.
      reply({ type: 'staged', id: task.id, metadata: outcome.metadata, blob: blobs.stageSync(bytes) });
    } else if (task.type === 'export') {
      const stored = await blobs.read(task.hash);
      // Loaded on first export only: dcmjs is large, and imports do not need it.
      const result = task.deidentifySecret ? (await import('../export/deidentify.ts')).deidentify(stored, { secret: task.deidentifySecret }) : { ok: true as const, bytes: stored };
      if (!result.ok) return reply({ type: 'exported', id: task.id, outcome: result.reason });
      await mkdir(dirname(task.outputPath), { recursive: true });
      await writeFile(task.outputPath, result.bytes, { flag: 'wx' });
      reply({ type: 'exported', id: task.id, outcome: 'written' });
    } else {
      const bytes = await readWhole(task.path);
      reply({ type: 'dicomdir', id: task.id, files: typeof bytes === 'string' ? null : dicomDirFiles(bytes) });
    }
  } catch {
    reply(task.type === 'export' ? { type: 'exported', id: task.id, outcome: 'unreadable' } : { type: 'failed', id: task.id, reason: 'unreadable' });
  }
}

/** The whole file, read once into one buffer that parsing and encryption share. */
function readWhole(path: string): Uint8Array | RejectionReason {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 'unreadable';
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) return 'too-large';
    if (size <= REUSED_BUFFER_BYTES && reused.byteLength < size) reused = new Uint8Array(Math.min(REUSED_BUFFER_BYTES, Math.max(size, reused.byteLength * 2)));
    const bytes = size <= REUSED_BUFFER_BYTES ? reused.subarray(0, size) : new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const read = readSync(fd, bytes, at, size - at, at);
      if (read === 0) break;
      at += read;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}

function reply(message: WorkerReply): void {
  port.postMessage(message);
}
