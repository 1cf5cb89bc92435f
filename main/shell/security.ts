import type { Session, WebContents } from 'electron';
import { isAppUrl } from './origin.ts';

/** Schemes a window may load at all: the app's own, and in-memory data for images. */
const ALLOWED_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:']);

/** No permission (camera, notifications, geolocation…) is ever granted, and nothing remote is fetched. */
export function hardenSession(session: Session, devServerUrl: string | null): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const url = new URL(details.url);
    const allowed = ALLOWED_SCHEMES.has(url.protocol) || (devServerUrl !== null && details.url.startsWith(devServerUrl));
    callback({ cancel: !allowed });
  });
}

/** Windows never navigate away, open other windows or host webviews. */
export function hardenWebContents(contents: WebContents, devServerUrl: string | null): void {
  const allowedUrl = (url: string) => isAppUrl(url) || (devServerUrl !== null && url.startsWith(devServerUrl));
  contents.on('will-navigate', (event, url) => {
    if (!allowedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
