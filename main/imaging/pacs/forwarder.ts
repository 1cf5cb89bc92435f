import type { PacsFailure, PacsForwardStatus } from '../../../preload/contract/imaging.ts';
import type { Vault } from '../../accounts/vault.ts';
import type { Files } from '../../files/files.ts';
import type { Logger } from '../../platform/logger.ts';
import { DicomWebClient, PacsError, STOW_BATCH_BYTES } from './dicomweb-client.ts';
import type { ForwardItem } from './forward.node.ts';

/** Objects per STOW request (and at most STOW_BATCH_BYTES): a CT series goes in a few requests. */
const BATCH_OBJECTS = 50;
/** A server refusal retrying cannot fix: the server stops until its settings are saved or "Sync now" is pressed. */
const STOPPING: ReadonlySet<PacsFailure> = new Set(['unauthorized', 'forbidden', 'not-found']);
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 30 * 60_000;
const IDLE_CHECK_MS = 5 * 60_000;

/**
 * Sends the studies imported on this workstation to the DICOMweb servers set to take them (`forwardNew`, the PACS
 * as a second sync target), in the background: soon after each import, on "Sync now" and every few minutes, unless
 * sync is paused. The
 * queue is the store's (pacs/forward.node.ts), so nothing is lost to a crash or a closed app. A network failure,
 * a timeout or a server error leaves the queue as it is for a later try, with a growing pause; a refusal that
 * retrying cannot fix (credentials, permission, no DICOMweb service at the address) stops that server until its
 * settings are saved or "Sync now" is pressed. Objects the server refuses (its answer names them) leave the queue
 * and are counted. The bytes sent are the stored files.
 */
export class PacsForwarder {
  readonly #vault: Vault;
  readonly #files: Files;
  readonly #logger: Logger | null;
  readonly #now: () => number;
  /** The last try's failure per server, cleared by a success. */
  readonly #problems = new Map<string, { failure: PacsFailure; at: number }>();
  #running: Promise<void> | null = null;
  #again: { retryStopped: boolean } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #failedRounds = 0;
  #closed = false;

  constructor(options: { vault: Vault; files: Files; logger?: Logger; now?: () => number }) {
    this.#vault = options.vault;
    this.#files = options.files;
    this.#logger = options.logger ?? null;
    this.#now = options.now ?? Date.now;
  }

  /** Starts a round now (or right after the one running); `retryStopped` also tries servers a refusal stopped. */
  kick(options: { retryStopped?: boolean } = {}): void {
    if (this.#closed || !this.#vault.isOpen) return;
    if (this.#running) {
      this.#again = { retryStopped: (this.#again?.retryStopped ?? false) || (options.retryStopped ?? false) };
      return;
    }
    this.#running = this.#round(options.retryStopped ?? false)
      .catch((error: unknown) => {
        this.#failedRounds++;
        this.#logger?.error('pacs-forward-failed', error);
      })
      .finally(() => {
        this.#running = null;
        const again = this.#again;
        this.#again = null;
        if (again) this.kick(again);
        else this.#schedule();
      });
  }

  /** Waits for the round under way, if any (tests, the CLI). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async status(): Promise<PacsForwardStatus[]> {
    const servers = await this.#vault.store.methods.imaging.forwardOverview();
    return servers.map((server) => ({ ...server, problem: this.#problems.get(server.pacsId) ?? null }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.idle();
  }

  /** The next round: soon again after failures (growing), else an occasional look for work an import did not announce. */
  #schedule(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    const failing = this.#problems.size > 0 || this.#failedRounds > 0;
    const delay = failing ? Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(10, this.#failedRounds + this.#problems.size - 1)) : IDLE_CHECK_MS;
    this.#timer = setTimeout(() => this.kick(), delay * (0.75 + Math.random() / 2));
    this.#timer.unref();
  }

  async #round(retryStopped: boolean): Promise<void> {
    // Paused with sync (Sync → Pause): the queue waits, and "Resume" starts a round.
    if (await this.#vault.store.methods.sync.isPaused()) return;
    const imaging = this.#vault.store.methods.imaging;
    const servers = await imaging.forwardOverview();
    // Only servers still taking studies, and not stopped, have a failure to retry soon.
    for (const pacsId of this.#problems.keys()) if (!servers.some((server) => server.pacsId === pacsId && server.stopped === null)) this.#problems.delete(pacsId);
    let failed = false;
    for (const server of servers) {
      if (server.stopped !== null) {
        if (!retryStopped) continue;
        await imaging.forwardStop(server.pacsId, null);
      }
      const problem = await this.#drain(server.pacsId);
      if (problem === null) this.#problems.delete(server.pacsId);
      else if (STOPPING.has(problem)) {
        this.#problems.delete(server.pacsId);
        await imaging.forwardStop(server.pacsId, problem);
      } else {
        failed = true;
        this.#problems.set(server.pacsId, { failure: problem, at: this.#now() });
      }
    }
    this.#failedRounds = failed ? this.#failedRounds + 1 : 0;
  }

  /** Sends a server's queue, batch by batch; the failure that stopped it, or null once the queue is empty. */
  async #drain(pacsId: string): Promise<PacsFailure | null> {
    const imaging = this.#vault.store.methods.imaging;
    const config = await imaging.pacsConfig(pacsId);
    const client = new DicomWebClient({ baseUrl: config.baseUrl, auth: { kind: config.auth, username: config.username, secret: config.secret } });
    for (;;) {
      if (this.#closed) return null;
      const batch = await imaging.forwardBatch(pacsId, BATCH_OBJECTS, STOW_BATCH_BYTES);
      if (batch.length === 0) return null;
      const files = await this.#read(batch);
      if (files === null) return 'unreachable';
      let answer;
      try {
        answer = await client.storeBatch(files);
      } catch (error) {
        if (error instanceof PacsError) return error.reason;
        throw error;
      }
      const stored = new Set(answer.storedUids);
      const refused = new Set(answer.failedUids);
      // Objects the answer does not name: stored when the server said all were, else counted as refused.
      for (const { sopInstanceUid } of batch) if (!stored.has(sopInstanceUid) && !refused.has(sopInstanceUid)) (answer.allStored ? stored : refused).add(sopInstanceUid);
      await imaging.forwardAnswered(pacsId, [...stored], [...refused], this.#now());
    }
  }

  /** The batch's files; null when one is not on this workstation and cannot be fetched now (it waits for a later try). */
  async #read(batch: readonly ForwardItem[]): Promise<Uint8Array[] | null> {
    const files: Uint8Array[] = [];
    for (const item of batch) {
      const bytes = await this.#files.readFetched(item.hash);
      if (!bytes) return null;
      files.push(bytes);
    }
    return files;
  }
}
