import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { BlobStore } from '../../files/blob-store.node.ts';
import { writeClaim } from './claims.node.ts';
import { dicomDirFiles } from './dicomdir.node.ts';
import type { RejectionReason } from './metadata.ts';
import { parseDicom } from './parse-dicom.node.ts';
import type { DicomWorkerData, WorkerReply, WorkerTask } from './worker-protocol.ts';

/** Largest file read whole: the biggest multi-frame objects seen in practice stay well below. */
const MAX_FILE_BYTES = 2 ** 30;

/**
 * Parses untrusted DICOM files off main's event loop and encrypts the accepted ones into the
 * blob store (its claim written first, see claims.node.ts), one file per task; the pool gives a
 * worker a few files at once (pool.ts), so one file's fsync overlaps the next one's encryption.
 */
const data = workerData as DicomWorkerData;
const blobs = new BlobStore({ root: data.blobRoot, fileKey: data.fileKey });
const port = parentPort!;

port.on('message', (task: WorkerTask) => void handle(task));

async function handle(task: WorkerTask): Promise<void> {
  try {
    if (task.type === 'import' || task.type === 'importBytes') {
      const bytes = task.type === 'import' ? await readWhole(task.path) : task.bytes;
      if (typeof bytes === 'string') return reply({ type: 'failed', id: task.id, reason: bytes });
      const outcome = parseDicom(bytes);
      if (!outcome.ok) return reply({ type: 'failed', id: task.id, reason: outcome.reason });
      // A file stored before (a re-import) is recognised by its name and not written again.
      let created = false;
      const blob = await blobs.put(bytes, {
        beforePublish: (hash) => {
          created = true;
          return writeClaim(data.claimsDir, hash);
        },
      });
      reply({ type: 'stored', id: task.id, metadata: outcome.metadata, blob, created });
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

async function readWhole(path: string): Promise<Uint8Array | RejectionReason> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return 'unreadable';
  }
  try {
    const { size } = await file.stat();
    if (size > MAX_FILE_BYTES) return 'too-large';
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } catch {
    return 'unreadable';
  } finally {
    await file.close();
  }
}

function reply(message: WorkerReply): void {
  port.postMessage(message);
}
