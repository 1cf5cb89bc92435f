/**
 * Group commit: requests that arrive while a flush is running wait and go together in the next one, so a
 * store round trip (and its transaction's fsync) serves many files when many are ready, and a lone file is
 * not held back waiting for company. A failed batch is retried item by item, so one failure rejects only
 * its own request.
 */
export class GroupCommit<I, O> {
  readonly #flush: (items: I[]) => Promise<O[]>;
  readonly #max: number;
  #queue: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  #running = false;

  constructor(flush: (items: I[]) => Promise<O[]>, max: number) {
    this.#flush = flush;
    this.#max = max;
  }

  add(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#max);
        try {
          const out = await this.#flush(batch.map((entry) => entry.item));
          batch.forEach((entry, i) => entry.resolve(out[i]!));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else await Promise.all(batch.map((entry) => this.#flush([entry.item]).then((out) => entry.resolve(out[0]!), entry.reject)));
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
