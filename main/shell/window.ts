import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './origin.ts';

export function createMainWindow(options: { preload: string; devServerUrl: string | null; icon: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    icon: options.icon,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK: reviewed; it exposes only the typed contract (preload/api.ts).
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}
