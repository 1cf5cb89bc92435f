/**
 * The Electron shell: app lifecycle, the window, the `app://` scheme and IPC.
 * Everything else is plain Node under main/ and is built in app/services.ts.
 */
import { app, BrowserWindow, protocol, session } from 'electron';
import { createServices, type Services } from './app/services.ts';
import { runCli } from './cli/run.ts';
import { dataDirOverride } from './platform/data-dir.ts';
import { createStaticHandler } from './platform/static-files.ts';
import { withMedia } from './media/mount.ts';
import { electronDialogs } from './shell/dialogs.ts';
import { closeBeforeQuit } from './shell/quit.ts';
import { connectionIdOf, wireIpc } from './shell/ipc.ts';
import { APP_SCHEME } from './shell/origin.ts';
import { bundlePaths } from './shell/paths.ts';
import { hardenSession, hardenWebContents } from './shell/security.ts';
import { createMainWindow } from './shell/window.ts';
import { electronSettingsBackend } from './shell/settings-backend.ts';

const CLI_FLAG = '--cli';
const cliAt = process.argv.indexOf(CLI_FLAG);

if (cliAt !== -1) {
  // The installed app doubles as the IT command line (RunAsNode is fused off).
  app.commandLine.appendSwitch('headless');
  void app.whenReady().then(async () => app.exit(await runCli(process.argv.slice(cliAt + 1), process)));
} else {
  startWorkstation();
}

function startWorkstation(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
  app.enableSandbox();

  // Development only: electron-vite's dev server on loopback; packaged builds never load it.
  const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
  const paths = bundlePaths(import.meta.dirname);
  let services: Services | null = null;
  let window: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, devServerUrl);
    contents.once('destroyed', () => services?.sessions.end(connectionIdOf(contents)));
  });
  app.on('window-all-closed', () => app.quit());
  const quitting = closeBeforeQuit(app, async () => services?.close(), (error) => services?.logger.error('close-failed', error));
  app.on('second-instance', () => {
    // Launched again while closing (a round cut short can take seconds): this instance starts afresh once closed.
    if (quitting.underway) return quitting.relaunchWhenClosed();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(async () => {
    services = await createServices({
      dataDir: dataDirOverride(process.argv, process.env) ?? app.getPath('userData'),
      settingsBackend: electronSettingsBackend,
      dialogs: electronDialogs,
    });
    hardenSession(session.defaultSession, devServerUrl);
    protocol.handle(APP_SCHEME, withMedia(services.media, createStaticHandler(paths.renderer)));
    wireIpc(services, devServerUrl);
    window = createMainWindow({ preload: paths.preload, icon: paths.icon, devServerUrl });
  });
}
