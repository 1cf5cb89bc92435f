import { rowOf, squaredDistanceTo, type PointMatrix } from './matrix.ts';

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the local
 * trials scikit-learn uses) in O(n·k·d·trials): each point's squared
 * distance to its nearest chosen centre is kept and updated once per new
 * centre; of 2 + ln k candidates drawn by D², the one lowering the total
 * most is kept, which avoids most of plain k-means++'s bad starts (two
 * seeds in one true cluster). ml-kmeans's own `kmeans++` is slower than all
 * its iterations together at 100,000 points and `mostDistant` builds an n×n
 * matrix, so the worker seeds here and passes the centres in.
 */
export function kmeansPlusPlus(matrix: PointMatrix, k: number, random: () => number): number[][] {
  const { rows } = matrix;
  if (k < 1 || k > rows) throw new RangeError(`k must be between 1 and ${rows}`);
  const trials = 2 + Math.floor(Math.log(k));
  const centres: number[][] = [rowOf(matrix, Math.floor(random() * rows))];
  let nearest = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    nearest[i] = squaredDistanceTo(matrix, i, centres[0]!);
    total += nearest[i]!;
  }
  let candidate = new Float64Array(rows);
  let best = new Float64Array(rows);
  while (centres.length < k) {
    let bestCentre: number[] | null = null;
    let bestTotal = Infinity;
    for (let trial = 0; trial < trials; trial++) {
      const centre = rowOf(matrix, total > 0 ? weightedPick(nearest, total, random) : Math.floor(random() * rows));
      let sum = 0;
      for (let i = 0; i < rows; i++) {
        const distance = Math.min(nearest[i]!, squaredDistanceTo(matrix, i, centre));
        candidate[i] = distance;
        sum += distance;
      }
      if (sum < bestTotal) {
        bestTotal = sum;
        bestCentre = centre;
        [best, candidate] = [candidate, best];
      }
    }
    centres.push(bestCentre!);
    [nearest, best] = [best, nearest];
    total = bestTotal;
  }
  return centres;
}

/** A row drawn with probability proportional to its weight. */
function weightedPick(weights: Float64Array, total: number, random: () => number): number {
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  // Rounding left a sliver: the last row with any weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}
