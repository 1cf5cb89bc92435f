/**
 * The DICOM import worker's code: its TypeScript source when Node runs the sources (tests, CLI,
 * bench), or the `dicom-worker` chunk the build writes flat beside the bundled main chunks.
 */
export const DICOM_WORKER_URL: URL = import.meta.url.endsWith('.ts')
  ? new URL(/* @vite-ignore */ './worker.node.ts', import.meta.url)
  : new URL(/* @vite-ignore */ './dicom-worker.js', import.meta.url);
