/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for chance agreement. */
export function adjustedRandIndex(truth: ArrayLike<number>, found: ArrayLike<number>): number {
  const n = truth.length;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${truth[i]}:${found[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(truth[i]!, (rows.get(truth[i]!) ?? 0) + 1);
    columns.set(found[i]!, (columns.get(found[i]!) ?? 0) + 1);
  }
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + pairs(value), 0);
  const index = sum(table.values());
  const rowPairs = sum(rows.values());
  const columnPairs = sum(columns.values());
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
