import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { DatasetExportResult, DatasetFormat } from '../../../preload/contract/analytics.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/sessions.ts';
import { uuidv7 } from '../../store/ids.ts';
import { bucketDestination } from './bucket-destination.node.ts';
import { CSV_COLUMNS, csvLine, csvRow } from './dataset-rows.ts';
import type { DatasetDestination, DatasetFile } from './destination.ts';
import { folderDestination } from './folder-destination.node.ts';

/** Patients per store call: one transaction each, so other work interleaves. */
const BATCH = 200;

/** A new folder on this PC, or a sync target's bucket (under its own `datasets/` prefix). */
export type DatasetTarget = { folder: string } | { targetId: string };

/**
 * The de-identified dataset for a hospital's data platform: every live
 * patient's chart through the same de-identification as CDS Hooks (one salt
 * per export, so references resolve across files and nowhere else), written
 * as FHIR Bulk Data NDJSON (one file per resource type) or CSV, with a
 * Bulk Data style manifest written last. Each patient's chart read is
 * audited as an export.
 */
export class DatasetExport {
  readonly #vault: Vault;
  readonly #now: () => number;

  constructor(options: { vault: Vault; now?: () => number }) {
    this.#vault = options.vault;
    this.#now = options.now ?? Date.now;
  }

  async run(session: Session, target: DatasetTarget, format: DatasetFormat): Promise<DatasetExportResult> {
    const destination = 'folder' in target ? await folderDestination(target.folder) : await this.#bucket(target.targetId);
    try {
      return await this.#write(session, destination, format);
    } catch (error) {
      await destination.abort();
      throw error;
    }
  }

  async #bucket(targetId: string): Promise<DatasetDestination> {
    const store = this.#vault.store.methods.sync;
    const target = (await store.overview()).targets.find((candidate) => candidate.id === targetId);
    const credentials = target ? await store.credentials(targetId) : null;
    if (!target) throw new AppError('NOT_FOUND', 'No such sync target.', { details: { reason: 'target-not-found' } });
    if (!credentials) throw new AppError('CONFLICT', 'The sync target has no access key yet.', { details: { reason: 'target-without-credentials' } });
    return bucketDestination({ ...target.config, endpoint: target.config.endpoint || null }, credentials, uuidv7(this.#now()));
  }

  async #write(session: Session, destination: DatasetDestination, format: DatasetFormat): Promise<DatasetExportResult> {
    const salt = randomUUID();
    const started = this.#now();
    const files = new Map<string, { file: DatasetFile; name: string; count: number }>();
    const fileFor = async (type: string) => {
      let entry = files.get(type);
      if (!entry) {
        const name = `${type}.${format}`;
        entry = { file: await destination.create(name, format === 'ndjson' ? 'application/fhir+ndjson' : 'text/csv; charset=utf-8'), name, count: 0 };
        if (format === 'csv') await entry.file.write(`${csvLine(CSV_COLUMNS)}\r\n`);
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
            await target.file.write(format === 'ndjson' ? `${JSON.stringify(resource)}\n` : `${csvLine(CSV_COLUMNS.map((column) => csvRow(resource)[column]))}\r\n`);
            target.count++;
          }
        }
        after = page.next;
      }
    } finally {
      await Promise.all([...files.values()].map(({ file }) => file.close()));
    }
    const output = [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, { name, count }]) => ({ type, url: name, count }));
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
    await destination.finish(`${JSON.stringify(manifest, null, 2)}\n`);
    return { location: destination.location, format, patients, files: output.map(({ type, url, count }) => ({ type, file: url, count })) };
  }
}
