import type { PointMatrix } from './matrix.ts';

export interface SilhouetteResult {
  /** Mean silhouette coefficient, −1…1; higher is better separated. */
  score: number;
  /** How many rows it was computed on: all of them, or a seeded random sample above `maxSample`. */
  sampled: number;
  total: number;
}

/** Exact up to this many rows; above, a uniform sample of this size (an estimate, reported as such). */
const SILHOUETTE_SAMPLE = 1500;

/**
 * Mean silhouette (Rousseeuw 1987). Exact is O(n²); above `maxSample` rows it
 * is computed on a uniform random sample (as scikit-learn's `sample_size`).
 * Each pair's distance is computed once and added to both points' sums.
 */
export function silhouette(matrix: PointMatrix, labels: Int32Array, k: number, random: () => number, maxSample = SILHOUETTE_SAMPLE): SilhouetteResult {
  const sample = sampleRows(matrix.rows, maxSample, random);
  const size = sample.length;
  const { values, dims } = matrix;
  const counts = new Int32Array(k);
  const sampleLabels = new Int32Array(size);
  for (let s = 0; s < size; s++) {
    sampleLabels[s] = labels[sample[s]!]!;
    counts[sampleLabels[s]!]!++;
  }
  // sums[s * k + c]: total distance from sample point s to the sample points of cluster c.
  const sums = new Float64Array(size * k);
  for (let s = 0; s < size; s++) {
    const a = sample[s]! * dims;
    for (let t = s + 1; t < size; t++) {
      const b = sample[t]! * dims;
      let squared = 0;
      for (let j = 0; j < dims; j++) {
        const delta = values[a + j]! - values[b + j]!;
        squared += delta * delta;
      }
      const distance = Math.sqrt(squared);
      sums[s * k + sampleLabels[t]!]! += distance;
      sums[t * k + sampleLabels[s]!]! += distance;
    }
  }
  let total = 0;
  for (let s = 0; s < size; s++) {
    const own = sampleLabels[s]!;
    // A point alone in its cluster scores 0 by definition.
    if (counts[own]! <= 1) continue;
    const within = sums[s * k + own]! / (counts[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) nearest = Math.min(nearest, sums[s * k + c]! / counts[c]!);
    if (Number.isFinite(nearest)) total += (nearest - within) / Math.max(within, nearest) || 0;
  }
  return { score: size ? total / size : 0, sampled: size, total: matrix.rows };
}

function sampleRows(rows: number, maxSample: number, random: () => number): Int32Array {
  const all = new Int32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  if (rows <= maxSample) return all;
  // Partial Fisher–Yates: the first maxSample slots are a uniform sample without replacement.
  for (let i = 0; i < maxSample; i++) {
    const j = i + Math.floor(random() * (rows - i));
    const swap = all[i]!;
    all[i] = all[j]!;
    all[j] = swap;
  }
  return all.slice(0, maxSample);
}
