/**
 * One least-recently-used cache for raw files and decoded frames under a single byte budget: adding past the
 * budget evicts the oldest entries, whichever kind they are.
 */
export interface BudgetStats {
  readonly budgetBytes: number;
  readonly usedBytes: number;
  readonly rawBytes: number;
  readonly decodedBytes: number;
  readonly entries: number;
  readonly evictions: number;
}

export type EntryKind = 'raw' | 'decoded';

interface Entry<V> {
  readonly value: V;
  readonly bytes: number;
  readonly kind: EntryKind;
}

export class ByteBudgetCache<V> {
  #budget: number;
  #used = 0;
  #byKind: Record<EntryKind, number> = { raw: 0, decoded: 0 };
  #evictions = 0;
  readonly #entries = new Map<string, Entry<V>>();

  constructor(budgetBytes: number) {
    this.#budget = budgetBytes;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  set(key: string, value: V, bytes: number, kind: EntryKind): void {
    this.delete(key);
    // An entry larger than the whole budget is served but not kept.
    if (bytes > this.#budget) return;
    this.#entries.set(key, { value, bytes, kind });
    this.#used += bytes;
    this.#byKind[kind] += bytes;
    this.#shrink();
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#used -= entry.bytes;
    this.#byKind[entry.kind] -= entry.bytes;
  }

  setBudget(bytes: number): void {
    this.#budget = bytes;
    this.#shrink();
  }

  clear(): void {
    this.#entries.clear();
    this.#used = 0;
    this.#byKind = { raw: 0, decoded: 0 };
  }

  stats(): BudgetStats {
    return {
      budgetBytes: this.#budget,
      usedBytes: this.#used,
      rawBytes: this.#byKind.raw,
      decodedBytes: this.#byKind.decoded,
      entries: this.#entries.size,
      evictions: this.#evictions,
    };
  }

  #shrink(): void {
    for (const key of this.#entries.keys()) {
      if (this.#used <= this.#budget) return;
      this.delete(key);
      this.#evictions++;
    }
  }
}
