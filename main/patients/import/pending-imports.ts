import type { ImportEncoding } from '../../../preload/contract/patient-import.ts';
import type { CsvRecord } from './parse.ts';

/** A parsed file waiting for its mapping, preview and commit; held in memory only, never written anywhere. */
export interface PendingImport {
  userId: string;
  fileName: string;
  encoding: ImportEncoding;
  headers: string[];
  records: CsvRecord[];
  openedAt: number;
}

/** Long enough to check a big file row by row, short enough that a forgotten one does not linger. */
const KEPT_MS = 2 * 60 * 60_000;

/**
 * Opened import files by id. Each user has at most one: opening another file
 * forgets the previous one. Only the user who opened a file can use it.
 */
export class PendingImports {
  readonly #byId = new Map<string, PendingImport>();

  add(id: string, pending: PendingImport): void {
    for (const [otherId, other] of this.#byId) if (other.userId === pending.userId || pending.openedAt - other.openedAt > KEPT_MS) this.#byId.delete(otherId);
    this.#byId.set(id, pending);
  }

  get(id: string, userId: string, now: number): PendingImport | null {
    const pending = this.#byId.get(id);
    if (!pending || pending.userId !== userId) return null;
    if (now - pending.openedAt > KEPT_MS) {
      this.#byId.delete(id);
      return null;
    }
    return pending;
  }

  delete(id: string, userId: string): void {
    if (this.#byId.get(id)?.userId === userId) this.#byId.delete(id);
  }
}
