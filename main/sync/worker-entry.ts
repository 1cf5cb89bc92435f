/**
 * The sync worker's code: its TypeScript source when Node runs the sources
 * (tests, CLI), or the `sync-worker` chunk the build writes flat beside the
 * bundled main chunks (electron.vite.config.ts).
 */
export const SYNC_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './worker.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './sync-worker.js', import.meta.url);
