import { kmeansGenerator } from 'ml-kmeans';
import { squaredDistanceTo, toRows, type PointMatrix } from './matrix.ts';
import { seededRandom } from './random.ts';
import { kmeansPlusPlus } from './seeding.ts';

export interface KmeansOptions {
  k: number;
  seed: number;
  maxIterations?: number;
  /** Called after each iteration; return false to stop (cancel). */
  onIteration?: (iteration: number) => boolean;
}

export interface KmeansFit {
  /** Cluster index of each row. */
  labels: Int32Array;
  /** Centres in the matrix's (standardised) units. */
  centroids: number[][];
  /** Sum of squared distances of the rows to their centres (the elbow plot's y). */
  inertia: number;
  iterations: number;
  converged: boolean;
}

export class KmeansCancelled extends Error {
  constructor() {
    super('Clustering was cancelled');
    this.name = 'KmeansCancelled';
  }
}

const DEFAULT_MAX_ITERATIONS = 100;

/** Lloyd's iterations by ml-kmeans, seeded with our k-means++ centres so one seed gives one result. */
export function fitKmeans(matrix: PointMatrix, options: KmeansOptions, rows: number[][] = toRows(matrix)): KmeansFit {
  const initialization = kmeansPlusPlus(matrix, options.k, seededRandom(options.seed));
  let last: { clusters: number[]; centroids: number[][]; converged: boolean; iterations: number } | undefined;
  for (const step of kmeansGenerator(rows, options.k, { initialization, maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS, seed: options.seed })) {
    last = step;
    if (options.onIteration && !options.onIteration(step.iterations)) throw new KmeansCancelled();
  }
  if (!last) throw new Error('k-means ran no iteration');
  // The generator's last centroids are the means of its last assignment; reassign once so labels and centres agree.
  const labels = new Int32Array(matrix.rows);
  let inertia = 0;
  for (let i = 0; i < matrix.rows; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < last.centroids.length; c++) {
      const distance = squaredDistanceTo(matrix, i, last.centroids[c]!);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestDistance;
  }
  return { labels, centroids: last.centroids, inertia, iterations: last.iterations, converged: last.converged };
}
