/**
 * Cohort clustering benchmark: 100,000 generated patients × 8 numeric
 * features (age, BMI, blood pressure, heart rate… drawn around 5 planted
 * profiles, with 2 % of values missing and imputed by the median), clustered
 * with k = 5 through the same worker thread the app uses: our O(n·k·d)
 * k-means++ seeding, then ml-kmeans's iterations. While it runs, main's event
 * loop is watched with perf_hooks' monitorEventLoopDelay and a 5 ms timer
 * whose lateness is the longest stall main would show the UI.
 *
 *   node bench/analytics.ts [--patients=100000] [--k=5] [--compare]
 *
 * --compare also times ml-kmeans's own 'kmeans++' initialisation on the same
 * data (in this thread, after the measured run), the reason we seed ourselves.
 * Last line: {"bench":"analytics","kmeans_ms":…,"max_stall_ms":…}
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { kmeans } from 'ml-kmeans';
import { startClustering } from '../main/analytics/clustering/clusterer.ts';
import { adjustedRandIndex } from '../main/analytics/clustering/rand-index.ts';
import { mulberry32 } from './support/random.ts';

const { values: args } = parseArgs({
  options: { patients: { type: 'string', default: '100000' }, k: { type: 'string', default: '5' }, compare: { type: 'boolean', default: false } },
});
const PATIENTS = Number(args.patients);
const K = Number(args.k);
const MISSING_RATE = 0.02;
const TICK_MS = 5;

/** Planted profiles: age, BMI, systolic, diastolic, heart rate, temperature, SpO₂, respiratory rate. */
const PROFILES = [
  [25, 21, 112, 70, 70, 36.6, 98.5, 14],
  [45, 31, 138, 88, 80, 36.7, 97.0, 16],
  [75, 24, 160, 84, 66, 36.4, 94.5, 19],
  [58, 35, 150, 98, 92, 37.0, 93.0, 23],
  [8, 16, 100, 60, 100, 37.1, 98.8, 24],
];
const SPREAD = [5, 2, 6, 4, 5, 0.25, 0.7, 1.5];

function generate(random: () => number): { columns: Float64Array[]; truth: Int32Array } {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const columns = SPREAD.map(() => new Float64Array(PATIENTS));
  const truth = new Int32Array(PATIENTS);
  for (let i = 0; i < PATIENTS; i++) {
    const profile = Math.floor(random() * PROFILES.length);
    truth[i] = profile;
    for (let j = 0; j < SPREAD.length; j++) columns[j]![i] = random() < MISSING_RATE ? NaN : PROFILES[profile]![j]! + SPREAD[j]! * gaussian();
  }
  return { columns, truth };
}

const { columns, truth } = generate(mulberry32(20261125));
console.log(`${PATIENTS.toLocaleString('en')} patients × ${columns.length} features, k = ${K}`);

const histogram = monitorEventLoopDelay({ resolution: 1 });
let maxLateMs = 0;
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  maxLateMs = Math.max(maxLateMs, now - last - TICK_MS);
  last = now;
}, TICK_MS);
histogram.enable();

const jobColumns = columns.map((column) => column.slice());
const started = performance.now();
const run = startClustering({ columns: jobColumns, missing: 'median', k: K, seed: 42 });
const result = await run.result;
const kmeansMs = performance.now() - started;
histogram.disable();
clearInterval(ticker);
if (result.status !== 'done') throw new Error('The run was cancelled');
const { outcome } = result;
const maxStallMs = Math.max(maxLateMs, histogram.max / 1e6);

const ari = adjustedRandIndex(Array.from(outcome.kept, (row) => truth[row]!), outcome.labels);
console.log(`clustered in ${kmeansMs.toFixed(0)} ms (worker start, seeding, ${outcome.iterations} iterations, silhouette on ${outcome.silhouette.sampled} rows)`);
console.log(`adjusted Rand index vs planted profiles ${ari.toFixed(3)}; silhouette ≈ ${outcome.silhouette.score.toFixed(3)}; rows imputed ${outcome.imputedRows}`);
console.log(`main event loop: longest stall ${maxStallMs.toFixed(1)} ms (delay histogram p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms)`);

if (args.compare) {
  const rows = Array.from({ length: PATIENTS }, (_, i) => columns.map((column) => (Number.isNaN(column[i]!) ? 0 : column[i]!)));
  const t = performance.now();
  kmeans(rows, K, { initialization: 'kmeans++', seed: 42, maxIterations: 1 });
  console.log(`ml-kmeans 'kmeans++' initialisation + 1 iteration, same data: ${(performance.now() - t).toFixed(0)} ms`);
}

console.log(JSON.stringify({ bench: 'analytics', kmeans_ms: Math.round(kmeansMs), max_stall_ms: Number(maxStallMs.toFixed(1)) }));
