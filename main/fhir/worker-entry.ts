/**
 * The FHIR worker's code: its TypeScript source beside this file when Node
 * runs the sources, or the `fhir-worker` chunk the build writes flat beside
 * the bundled main chunks (electron.vite.config.ts).
 */
export const FHIR_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './worker.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './fhir-worker.js', import.meta.url);
