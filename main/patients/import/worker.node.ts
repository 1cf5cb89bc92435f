/**
 * The CSV worker: reads, decodes, parses and validates an import file off
 * main's event loop, one task per worker. Built as the `csv-worker` entry; see
 * worker-url.ts.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../../preload/contract/patient-import.ts';
import { decodeCsv } from './decode.ts';
import { parseCsv } from './parse.ts';
import { suggestMapping } from './suggest-mapping.ts';
import type { CsvTask, CsvTaskResult } from './tasks.ts';
import { validateRows } from './validate-rows.ts';

async function run(task: CsvTask): Promise<CsvTaskResult> {
  if (task.kind === 'validate') return { kind: 'validated', rows: validateRows(task.records, task.mapping) };
  const bytes = await readFile(task.path);
  if (bytes.length > MAX_IMPORT_BYTES) return { kind: 'refused', reason: 'too-large' };
  const { encoding, text } = decodeCsv(bytes);
  const { headers, records } = parseCsv(text);
  if (headers.every((header) => header === '') || records.length === 0) return { kind: 'refused', reason: 'empty' };
  if (records.length > MAX_IMPORT_ROWS || headers.length > MAX_IMPORT_COLUMNS) return { kind: 'refused', reason: 'too-many-rows' };
  return { kind: 'parsed', encoding, headers, records, mapping: suggestMapping(headers) };
}

const port = parentPort;
if (!port) throw new Error('worker.node.ts runs only as a worker');
run(workerData as CsvTask).then(
  (result) => port.postMessage(result),
  // The file may be unreadable or gone; the reason is enough, the path stays here.
  () => port.postMessage({ kind: 'refused', reason: 'unreadable' } satisfies CsvTaskResult),
);
