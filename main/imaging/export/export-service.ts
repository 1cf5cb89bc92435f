import { randomBytes } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { ExportResult } from '../../../preload/contract/imaging.ts';
import type { Vault } from '../../accounts/vault.ts';
import { actorOf, auditEntry } from '../../audit/audit-log.ts';
import { AppError } from '../../platform/errors.ts';
import type { Files } from '../../files/files.ts';
import type { Session } from '../../platform/sessions.ts';
import { imagingFailure } from '../errors.ts';
import type { ImportService } from '../import/import-service.ts';

/**
 * Writes studies to a folder as DICOM files, as stored (every object, byte for byte) or de-identified (PS3.15
 * Basic Profile, export/deidentify.ts: images only), in the DICOM workers. The folder gets neutral names only
 * (`CW-EXPORT-<time>/S0001/IM00001.dcm`); every exported study is audited.
 */
export class ExportService {
  readonly #vault: Vault;
  readonly #imports: ImportService;
  readonly #files: Files;
  readonly #now: () => number;

  constructor(options: { vault: Vault; imports: ImportService; files: Files; now?: () => number }) {
    this.#vault = options.vault;
    this.#imports = options.imports;
    this.#files = options.files;
    this.#now = options.now ?? Date.now;
  }

  async exportTo(session: Session, studyIds: readonly string[], folder: string, deidentified: boolean): Promise<ExportResult> {
    if (!isAbsolute(folder)) throw new AppError('VALIDATION', 'Choose a folder on this computer.', { fields: [{ path: 'folder', code: 'NOT_ABSOLUTE', message: 'Not an absolute path.' }] });
    const store = this.#vault.store;
    const studies = await Promise.all(studyIds.map((studyId) => store.methods.imaging.studyBlobs(studyId).catch((error: unknown) => Promise.reject(imagingFailure(error)))));
    const stamp = new Date(this.#now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const root = await freshFolder(folder, `CW-EXPORT-${stamp}`);
    // One secret per export: the same patient gets one pseudonym and date shift within it, and nothing links two exports.
    const secret = deidentified ? randomBytes(32) : null;
    const pool = await this.#imports.workers();
    const result: ExportResult = { folder: root, files: 0, skippedBurnedIn: 0, skippedNonImage: 0, failed: 0 };
    let task = 0;
    for (const [s, instances] of studies.entries()) {
      let written = 0;
      let next = 0;
      const lane = () =>
        pool.use(async (worker) => {
          while (next < instances.length) {
            const index = next++;
            const outputPath = join(root, `S${String(s + 1).padStart(4, '0')}`, `IM${String(index + 1).padStart(5, '0')}.dcm`);
            const { hash } = instances[index]!;
            // An image stored on another workstation is fetched first; one not reachable now counts as failed.
            const reply = (await this.#files.ensure(hash)) ? await worker.request({ type: 'export', id: ++task, hash, outputPath, deidentifySecret: secret }) : null;
            const outcome = reply?.type === 'exported' ? reply.outcome : 'unreadable';
            if (outcome === 'written') written++;
            else if (outcome === 'burned-in-annotation') result.skippedBurnedIn++;
            else if (outcome === 'non-image') result.skippedNonImage++;
            else result.failed++;
          }
        });
      await Promise.all(Array.from({ length: pool.size }, lane));
      result.files += written;
      const now = this.#now();
      await store.methods.imaging.auditStudy(studyIds[s]!, auditEntry(actorOf(session, now), 'export', { detail: JSON.stringify({ deidentified, files: written }) }, now));
    }
    return result;
  }
}

/** A new folder inside `parent`: `name`, else `name-2`, `name-3`… (never writes into an earlier export). */
async function freshFolder(parent: string, name: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const path = join(parent, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 1000) throw error;
    }
  }
}
