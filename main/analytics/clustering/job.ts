import { fitKmeans } from './lloyd.ts';
import { toRows } from './matrix.ts';
import { prepareFeatures, type FeatureScale, type MissingPolicy } from './prepare.ts';
import { profileClusters, type ClusterProfile } from './profile.ts';
import { seededRandom } from './random.ts';
import { silhouette, type SilhouetteResult } from './silhouette.ts';

export interface ClusterJob {
  /** One column per chosen feature, one value per input row; NaN where the value is missing. */
  columns: Float64Array[];
  missing: MissingPolicy;
  /** The clustering's k; with `elbow`, every k of the range is also fitted for the guide plots. */
  k: number;
  seed: number;
  elbow?: { from: number; to: number };
  /** Rows in the silhouette sample (exact below it). */
  silhouetteSample?: number;
}

export interface ElbowPoint {
  k: number;
  inertia: number;
  silhouette: SilhouetteResult;
}

export interface ClusterOutcome {
  /** Input row of each clustered row, and its cluster. */
  kept: Int32Array;
  labels: Int32Array;
  scales: FeatureScale[];
  excluded: number;
  imputedRows: number;
  profiles: ClusterProfile[];
  inertia: number;
  iterations: number;
  converged: boolean;
  silhouette: SilhouetteResult;
  elbow: ElbowPoint[];
}

export interface JobProgress {
  stage: 'prepare' | 'cluster' | 'elbow' | 'silhouette';
  /** 0…1 over the whole job. */
  fraction: number;
}

/** One clustering run, synchronous: the worker calls it, tests too. `progress` returning false cancels. */
export function runClusterJob(job: ClusterJob, progress: (update: JobProgress) => boolean = () => true): ClusterOutcome {
  const prepared = prepareFeatures(job.columns, job.missing);
  const { matrix } = prepared;
  if (matrix.rows < job.k) throw new RangeError(`Only ${matrix.rows} rows to cluster into ${job.k} clusters`);
  const rows = toRows(matrix);
  const elbowKs: number[] = [];
  if (job.elbow) for (let k = Math.max(1, job.elbow.from); k <= Math.min(job.elbow.to, matrix.rows); k++) elbowKs.push(k);
  const steps = 2 + elbowKs.length;
  const report = (stage: JobProgress['stage'], done: number) => progress({ stage, fraction: Math.min(1, done / steps) });
  report('prepare', 0);

  const fit = fitKmeans(matrix, { k: job.k, seed: job.seed, onIteration: (i) => report('cluster', Math.min(0.95, i / 50)) }, rows);
  const score = silhouette(matrix, fit.labels, job.k, seededRandom(job.seed), job.silhouetteSample);
  report('silhouette', 1);

  const elbow: ElbowPoint[] = [];
  for (const [index, k] of elbowKs.entries()) {
    const point = k === job.k ? fit : fitKmeans(matrix, { k, seed: job.seed, onIteration: () => report('elbow', 1 + index) }, rows);
    const pointScore = k === job.k ? score : silhouette(matrix, point.labels, k, seededRandom(job.seed), job.silhouetteSample);
    elbow.push({ k, inertia: point.inertia, silhouette: pointScore });
    report('elbow', 2 + index);
  }
  return {
    kept: prepared.kept,
    labels: fit.labels,
    scales: prepared.scales,
    excluded: prepared.excluded,
    imputedRows: prepared.imputedRows,
    profiles: profileClusters(fit.centroids, fit.labels, prepared.scales),
    inertia: fit.inertia,
    iterations: fit.iterations,
    converged: fit.converged,
    silhouette: score,
    elbow,
  };
}
