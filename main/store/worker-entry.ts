/**
 * The store worker's code: its TypeScript source beside this file when Node
 * runs the sources (tests, CLI, `node bench/store.ts`), or the `store-worker`
 * chunk the build writes flat beside the bundled main chunks. `@vite-ignore`:
 * these are runtime paths, not assets for the bundler to copy.
 */
export const STORE_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './server.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './store-worker.js', import.meta.url);
