import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportReport } from '../../preload/contract/fhir.ts';
import type { Vault } from '../accounts/vault.ts';
import { actorOf, auditEntry } from '../audit/audit-log.ts';
import { AppError } from '../platform/errors.ts';
import type { Files } from '../files/files.ts';
import type { FileDialogs } from '../platform/dialogs.ts';
import type { Logger } from '../platform/logger.ts';
import type { Session } from '../platform/sessions.ts';
import { chartToBundle, resourceCounts } from './chart-to-bundle.ts';
import { exportedFiles, storeDocumentFiles } from './document-files.node.ts';
import { bundleRefused, chartNotFound, importFailure } from './errors.ts';
import type { FhirWorker } from './worker-client.ts';

const FILTER = { filterName: 'FHIR R4 bundle (JSON)', extensions: ['json'] } as const;

export type ExportResult = { cancelled: true } | { cancelled: false; fileName: string; bytes: number; resources: Record<string, number>; documentsWithoutContent: number };
export type ImportResult = { cancelled: true } | { cancelled: false; fileName: string; report: ImportReport };

/**
 * FHIR R4 exchange of whole charts. The person picks the file in main's
 * dialog; parsing and schema checks run in the FHIR worker; the store writes
 * an import in one transaction, after the documents' files are in the
 * encrypted blob store. An export the R4 schema refuses is never written.
 */
export class FhirService {
  readonly #vault: Vault;
  readonly #files: Files;
  readonly #dialogs: FileDialogs;
  readonly #worker: FhirWorker;
  readonly #logger: Logger;
  readonly #now: () => number;

  constructor(options: { vault: Vault; files: Files; dialogs: FileDialogs; worker: FhirWorker; logger: Logger; now?: () => number }) {
    this.#vault = options.vault;
    this.#files = options.files;
    this.#dialogs = options.dialogs;
    this.#worker = options.worker;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  async exportChart(session: Session, patientId: string): Promise<ExportResult> {
    // The file name carries no patient data: the person may add it, the workstation does not.
    const stamp = new Date(this.#now()).toISOString().slice(0, 16).replaceAll(':', '');
    const destination = await this.#dialogs.chooseSaveFile({ ...FILTER, defaultName: `chart-${stamp}.fhir.json` });
    if (!destination) return { cancelled: true };
    const now = this.#now();
    const snapshot = await this.#vault.store.methods.fhir.exportSnapshot(patientId, auditEntry(actorOf(session, now), 'export', { detail: 'FHIR R4 chart' }, now));
    if (!snapshot) throw chartNotFound();
    const { files, withoutContent } = await exportedFiles(snapshot.chart.documents, snapshot.blobs, (hash) => this.#files.readFetched(hash));
    const bundle = chartToBundle(snapshot.chart, { at: now, files });
    const issues = await this.#worker.validate(bundle);
    if (issues.length > 0) {
      const ref = randomUUID().slice(0, 8);
      // Paths and rules only: which part of the mapping is wrong, never a value.
      this.#logger.error('fhir-export-invalid', new Error('bundle failed the R4 schema'), { ref, issues: issues.slice(0, 5).map((issue) => `${issue.path} ${issue.message}`).join('; ') });
      throw new AppError('INTERNAL', `The chart could not be exported as valid FHIR R4; nothing was written (reference ${ref}).`);
    }
    const json = JSON.stringify(bundle, null, 2);
    await writeAtomically(destination, json);
    return { cancelled: false, fileName: basename(destination), bytes: Buffer.byteLength(json), resources: resourceCounts(bundle), documentsWithoutContent: withoutContent };
  }

  async importBundle(session: Session): Promise<ImportResult> {
    const source = await this.#dialogs.chooseOpenFile(FILTER);
    if (!source) return { cancelled: true };
    const parsed = await this.#worker.parseFile(source);
    if (!parsed.ok) throw bundleRefused(parsed.issues);
    const blobs = await this.#files.blobs();
    const plan = await storeDocumentFiles(parsed.plan, (bytes) => blobs.put(bytes));
    const now = this.#now();
    try {
      const report = await this.#vault.store.methods.fhir.importChart(plan, auditEntry(actorOf(session, now), 'record.create', {}, now));
      return { cancelled: false, fileName: basename(source), report };
    } catch (error) {
      throw importFailure(error);
    }
  }
}

/** Written beside the destination and renamed over it, so a failed write never leaves half a bundle under the chosen name. */
async function writeAtomically(destination: string, text: string): Promise<void> {
  const partial = `${destination}.${randomUUID().slice(0, 8)}.partial`;
  try {
    await writeFile(partial, text, { encoding: 'utf8', flag: 'wx' });
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
