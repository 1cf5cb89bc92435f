import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { DatasetExportResult, DatasetFormat } from '../../../preload/contract/analytics.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/sessions.ts';
import { CSV_COLUMNS, csvLine, csvRow } from './dataset-rows.ts';

/** Patients per store call: one transaction each, so other work interleaves. */
const BATCH = 200;

/**
 * The de-identified dataset for a hospital's data platform: every live
 * patient's chart through the same de-identification as CDS Hooks (one salt
 * per export, so references resolve across files and nowhere else), written
 * as FHIR Bulk Data NDJSON (one file per resource type) or CSV, with a
 * Bulk Data style manifest. Each patient's chart read is audited as an export.
 */
export class DatasetExport {
  readonly #vault: Vault;
  readonly #now: () => number;

  constructor(options: { vault: Vault; now?: () => number }) {
    this.#vault = options.vault;
    this.#now = options.now ?? Date.now;
  }

  async run(session: Session, folder: string, format: DatasetFormat): Promise<DatasetExportResult> {
    await mkdir(folder, { recursive: true });
    if ((await readdir(folder)).length > 0) throw new AppError('CONFLICT', 'Choose an empty folder for the dataset.', { details: { reason: 'folder-not-empty' } });
    const salt = randomUUID();
    const started = this.#now();
    const files = new Map<string, { handle: FileHandle; file: string; count: number }>();
    const fileFor = async (type: string) => {
      let entry = files.get(type);
      if (!entry) {
        const file = `${type}.${format === 'ndjson' ? 'ndjson' : 'csv'}`;
        entry = { handle: await open(join(folder, file), 'wx'), file, count: 0 };
        if (format === 'csv') await entry.handle.write(`${csvLine(CSV_COLUMNS)}\r\n`);
        files.set(type, entry);
      }
      return entry;
    };
    let patients = 0;
    try {
      for (let after: number | null = 0; after !== null; ) {
        const now = this.#now();
        const page: { bundles: Bundle[]; next: number | null } = await this.#vault.store.methods.analytics.deidentifiedCharts(after, BATCH, salt, auditEntry(actorOf(session, now), 'export', { detail: 'de-identified dataset' }, now));
        for (const bundle of page.bundles) {
          patients++;
          for (const resource of (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource as Resource] : []))) {
            const target = await fileFor(resource.resourceType);
            await target.handle.write(format === 'ndjson' ? `${JSON.stringify(resource)}\n` : `${csvLine(CSV_COLUMNS.map((column) => csvRow(resource)[column]))}\r\n`);
            target.count++;
          }
        }
        after = page.next;
      }
    } finally {
      for (const { handle } of files.values()) await handle.close();
    }
    const output = [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, { file, count }]) => ({ type, url: file, count }));
    const manifest = {
      transactionTime: new Date(started).toISOString(),
      request: `export-dataset?_outputFormat=${format === 'ndjson' ? 'application/fhir+ndjson' : 'text/csv'}`,
      requiresAccessToken: false,
      output,
      error: [],
      extension: {
        deidentification: 'No names, identifiers, addresses, telecom, contacts, photos, extensions or narratives; dates shifted per patient; ages over 89 as 90+; ids pseudonymous for this export; free text scrubbed of each patient’s identifying values.',
        patients,
      },
    };
    await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    return { folder, format, patients, files: output.map(({ type, url, count }) => ({ type, file: url, count })) };
  }
}
