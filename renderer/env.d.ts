/// <reference types="vite/client" />
import type { WorkstationApi } from '../preload/api.ts';

declare global {
  interface Window {
    /** Exposed by preload (or the end-to-end harness); absent when the page is opened on its own. */
    readonly workstation?: WorkstationApi;
  }
}
