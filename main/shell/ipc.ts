import { ipcMain, webContents, type WebFrameMain, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../preload/api.ts';
import type { Services } from '../app/services.ts';
import { isAppUrl } from './origin.ts';

export function connectionIdOf(contents: WebContents): string {
  return `window:${contents.id}`;
}

/**
 * One IPC handler serves the whole contract. Calls are accepted only from the
 * app's own top-level frame; the router then checks session, role and schema.
 */
export function wireIpc(services: Services, devServerUrl: string | null): void {
  const fromApp = (url: string) => isAppUrl(url) || (devServerUrl !== null && url.startsWith(devServerUrl));
  const trusted = (frame: WebFrameMain | null) => frame !== null && frame.parent === null && fromApp(frame.url);

  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
    if (!trusted(event.senderFrame)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the workstation window.' } };
    }
    return services.router.invoke({ connectionId: connectionIdOf(event.sender) }, channel, payload);
  });

  services.events.attach((target, name, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (contents.isDestroyed() || !fromApp(contents.getURL())) continue;
      if (target === 'all' || target.connectionId === connectionIdOf(contents)) contents.send(IPC_EVENT, name, payload);
    }
  });
}
