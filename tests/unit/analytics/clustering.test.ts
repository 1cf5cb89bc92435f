import { describe, expect, it } from 'vitest';
import { startClustering } from '../../../main/analytics/clustering/clusterer.ts';
import { runClusterJob } from '../../../main/analytics/clustering/job.ts';
import { prepareFeatures } from '../../../main/analytics/clustering/prepare.ts';
import { adjustedRandIndex } from '../../../main/analytics/clustering/rand-index.ts';
import { seededRandom } from '../../../main/analytics/clustering/random.ts';
import { silhouette } from '../../../main/analytics/clustering/silhouette.ts';

/** Planted clusters: centres far apart (in units of each feature's spread), with features on very different scales. */
function planted(rows: number, seed: number, missingRate = 0): { columns: Float64Array[]; truth: Int32Array } {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = [
    [30, 120, 22],
    [70, 160, 31],
    [50, 100, 18],
    [8, 95, 16],
  ];
  const spread = [4, 6, 1.2];
  const columns = spread.map(() => new Float64Array(rows));
  const truth = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % centres.length;
    truth[i] = c;
    for (let j = 0; j < spread.length; j++) columns[j]![i] = random() < missingRate ? NaN : centres[c]![j]! + spread[j]! * gaussian();
  }
  return { columns, truth };
}

describe('cohort clustering', () => {
  it('recovers planted clusters (adjusted Rand index ≥ 0.9) and profiles them in original units', () => {
    const { columns, truth } = planted(4000, 7);
    const outcome = runClusterJob({ columns, missing: 'exclude', k: 4, seed: 11 });
    expect(adjustedRandIndex(truth, outcome.labels)).toBeGreaterThanOrEqual(0.9);
    expect(outcome.profiles.map((p) => p.size).reduce((a, b) => a + b)).toBe(4000);
    // Each planted age centre is matched by one profile's centroid, in years.
    const ages = outcome.profiles.map((p) => p.centroid[0]!).sort((a, b) => a - b);
    expect(ages.map((age) => Math.round(age / 2) * 2)).toEqual([8, 30, 50, 70]);
    // The child cluster is set apart by age, and reported so.
    const children = outcome.profiles.find((p) => p.centroid[0]! < 20)!;
    expect(children.distinguishing).toContain(0);
    expect(children.standardised[0]).toBeLessThan(-1);
    expect(outcome.silhouette).toMatchObject({ sampled: 1500, total: 4000 });
    expect(outcome.silhouette.score).toBeGreaterThan(0.5);
  });

  it('gives the same result for the same seed', () => {
    const { columns } = planted(3000, 3);
    const a = runClusterJob({ columns, missing: 'mean', k: 6, seed: 99 });
    const b = runClusterJob({ columns, missing: 'mean', k: 6, seed: 99 });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.profiles).toEqual(a.profiles);
    expect(b.inertia).toBe(a.inertia);
  });

  it('handles missing values as chosen and counts them', () => {
    const columns = [Float64Array.from([1, 2, NaN, 4, 100]), Float64Array.from([10, NaN, NaN, 40, 50])];
    const excluded = prepareFeatures(columns, 'exclude');
    expect(Array.from(excluded.kept)).toEqual([0, 3, 4]);
    expect(excluded).toMatchObject({ excluded: 2, imputedRows: 0 });
    expect(excluded.scales.map((s) => s.missing)).toEqual([1, 2]);

    const median = prepareFeatures(columns, 'median');
    expect(median).toMatchObject({ excluded: 0, imputedRows: 2 });
    expect(median.scales.map((s) => s.imputedWith)).toEqual([3, 40]);
    const mean = prepareFeatures(columns, 'mean');
    expect(mean.scales.map((s) => s.imputedWith)).toEqual([107 / 4, 100 / 3]);
    // z-scores: mean 0, population SD 1 per feature.
    for (let j = 0; j < 2; j++) {
      const column = Array.from({ length: 5 }, (_, r) => median.matrix.values[r * 2 + j]!);
      const m = column.reduce((a, b) => a + b) / 5;
      expect(m).toBeCloseTo(0, 12);
      expect(Math.sqrt(column.reduce((a, b) => a + (b - m) ** 2, 0) / 5)).toBeCloseTo(1, 12);
    }
  });

  it('computes the silhouette exactly for small data (checked against a direct computation)', () => {
    const { columns } = planted(300, 5);
    const prepared = prepareFeatures(columns, 'exclude');
    const labels = runClusterJob({ columns, missing: 'exclude', k: 3, seed: 1 }).labels;
    const { matrix } = prepared;
    const point = (i: number) => Array.from(matrix.values.subarray(i * matrix.dims, (i + 1) * matrix.dims));
    const distance = (a: number[], b: number[]) => Math.hypot(...a.map((v, j) => v - b[j]!));
    let sum = 0;
    for (let i = 0; i < matrix.rows; i++) {
      const byCluster = [0, 1, 2].map((c) => {
        const others = [...Array(matrix.rows).keys()].filter((j) => j !== i && labels[j] === c);
        return others.length ? others.reduce((total, j) => total + distance(point(i), point(j)), 0) / others.length : Infinity;
      });
      const a = byCluster[labels[i]!]!;
      const b = Math.min(...byCluster.filter((_, c) => c !== labels[i]));
      sum += (b - a) / Math.max(a, b);
    }
    expect(silhouette(matrix, labels, 3, seededRandom(1)).score).toBeCloseTo(sum / matrix.rows, 10);
  });

  it('fits every k of the elbow range, inertia falling with k', () => {
    const { columns } = planted(2000, 9);
    const outcome = runClusterJob({ columns, missing: 'exclude', k: 4, seed: 2, elbow: { from: 2, to: 7 } });
    expect(outcome.elbow.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7]);
    const inertias = outcome.elbow.map((p) => p.inertia);
    for (let i = 1; i < inertias.length; i++) expect(inertias[i]).toBeLessThan(inertias[i - 1]!);
    // The planted k has the best silhouette.
    const best = outcome.elbow.reduce((a, b) => (b.silhouette.score > a.silhouette.score ? b : a));
    expect(best.k).toBe(4);
  });

  it('runs in a worker thread with progress, and can be cancelled', async () => {
    const { columns, truth } = planted(20_000, 4);
    const progress: number[] = [];
    const run = startClustering({ columns: columns.map((c) => c.slice()), missing: 'exclude', k: 4, seed: 5, elbow: { from: 2, to: 8 } }, (p) => progress.push(p.fraction));
    const result = await run.result;
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(adjustedRandIndex(truth, result.outcome.labels)).toBeGreaterThanOrEqual(0.9);
    expect(progress.length).toBeGreaterThan(0);

    const slow = startClustering({ columns: planted(60_000, 4).columns, missing: 'exclude', k: 4, seed: 5, elbow: { from: 2, to: 12 } });
    setTimeout(() => slow.cancel(), 50);
    await expect(slow.result).resolves.toEqual({ status: 'cancelled' });
  });
});
