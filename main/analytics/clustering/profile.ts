import type { FeatureScale } from './prepare.ts';

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** The centre in the features' own units (years, mmHg…). */
  centroid: number[];
  /** The centre in SD units from the population mean: the standardised difference of each feature. */
  standardised: number[];
  /** Feature indexes whose |standardised difference| ≥ 0.5, largest first. */
  distinguishing: number[];
}

/** A difference of half an SD or more is what Cohen calls "medium": below it a feature does not set a cluster apart. */
const DISTINGUISHING_SD = 0.5;

export function profileClusters(centroids: readonly number[][], labels: Int32Array, scales: readonly FeatureScale[]): ClusterProfile[] {
  const sizes = new Int32Array(centroids.length);
  for (const label of labels) sizes[label]!++;
  return centroids.map((centre, cluster) => ({
    cluster,
    size: sizes[cluster]!,
    centroid: centre.map((z, j) => z * scales[j]!.sd + scales[j]!.mean),
    standardised: [...centre],
    distinguishing: centre
      .map((z, j) => [j, Math.abs(z)] as const)
      .filter(([, size]) => size >= DISTINGUISHING_SD)
      .sort((a, b) => b[1] - a[1])
      .map(([j]) => j),
  }));
}
