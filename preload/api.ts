/**
 * Builds `window.workstation` from a transport. Electron's preload passes one
 * over `ipcRenderer`; the end-to-end harness passes one over Playwright
 * bindings. Either way the renderer sees exactly this object.
 */
import {
  EVENT_NAMES,
  isChannelName,
  type CallResult,
  type ChannelName,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from './contract/index.ts';

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Registers the single listener for all main → renderer events; returns nothing (lives as long as the page). */
  listen(listener: (event: string, payload: unknown) => void): void;
  /** The local path of a dropped file (Electron's webUtils.getPathForFile); absent where there is none, e.g. a plain browser. */
  pathForFile?(file: File): string;
}

export interface WorkstationApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<CallResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The path of a dropped file, for imports by drag and drop; null where the transport has none. Main validates it. */
  pathForFile(file: File): string | null;
}

export function createWorkstationApi(transport: Transport): WorkstationApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.listen((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });

  return {
    async invoke(channel, request) {
      // Main checks again; this only spares a round trip for a typo.
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' } };
      }
      return (await transport.invoke(channel, request)) as CallResult<never>;
    },
    pathForFile(file) {
      return transport.pathForFile?.(file) || null;
    },
    on(event, listener) {
      if (!EVENT_NAMES.includes(event)) throw new TypeError('Unknown event.');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}

/** IPC channel names used by the Electron transport. */
export const IPC_INVOKE = 'workstation:invoke';
export const IPC_EVENT = 'workstation:event';
