/**
 * The clustering worker's code: its TypeScript source when Node runs the
 * sources (tests, CLI, bench), or the `clustering-worker` chunk the build
 * writes flat beside the bundled main chunks (as main/store/worker-entry.ts).
 */
export const CLUSTERING_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './worker.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './clustering-worker.js', import.meta.url);
