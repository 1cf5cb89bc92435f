/**
 * Runs in the test page before the renderer: builds `window.workstation` with
 * the preload's own factory, over Playwright bindings instead of Electron IPC.
 */
import { createWorkstationApi } from '../../../preload/api.ts';
import { fromWire, type WireResult } from './ipc-result.ts';

interface HarnessWindow {
  __workstationInvoke(channel: string, payload: unknown): Promise<WireResult>;
  __workstationDeliver?: (event: string, payload: unknown) => void;
}

const harness = window as unknown as Window & HarnessWindow;
const api = createWorkstationApi({
  invoke: async (channel, payload) => fromWire(await harness.__workstationInvoke(channel, payload)),
  listen: (listener) => {
    harness.__workstationDeliver = listener;
  },
});
// contextBridge hands the page a frozen copy; so does the harness.
Object.defineProperty(window, 'workstation', { value: Object.freeze(api), enumerable: true });
