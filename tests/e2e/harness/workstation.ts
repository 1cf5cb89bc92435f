import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServices, type ServiceOptions, type Services } from '../../../main/app/services.ts';
import { silentLogger } from '../../../main/platform/logger.ts';
import { createStaticHandler } from '../../../main/platform/static-files.ts';
import { withMedia } from '../../../main/media/mount.ts';
import { confSettingsBackend } from '../../../main/settings/conf-backend.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';
import { toWire } from './ipc-result.ts';
import { serveOnLoopback } from './serve.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');

let bridgeScript: Promise<string> | null = null;

/** The preload's factory bundled for the page, built once per test file. */
function pageBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [join(import.meta.dirname, 'page-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

export interface Workstation {
  readonly services: Services;
  readonly page: Page;
  readonly dataDir: string;
  /** Opens another window on the same services (a second connection, like a second BrowserWindow). */
  openPage(): Promise<Page>;
  screenshot(name: string): Promise<string>;
  /** Closes Chromium and the services; rejects, naming them, if any page threw uncaught or logged a console error. */
  close(): Promise<void>;
}

/**
 * The real main-process services in this process, the built renderer in
 * Debian's Chromium, and the contract between them: the only thing not real
 * is Electron's IPC, played by Playwright bindings.
 */
export interface WorkstationOptions {
  dataDir?: string;
  /** Main's clock, for reaching idle locks and lockouts without waiting. */
  clock?: ServiceOptions['clock'];
  keyringOptions?: ServiceOptions['keyringOptions'];
  /** Answers the native file choosers main would show. */
  dialogs?: ServiceOptions['dialogs'];
}

export async function startWorkstation(options: WorkstationOptions = {}): Promise<Workstation> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` first.');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROMIUM_PATH or run `apt-get install -y chromium` (as root).');

  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cw-e2e-')));
  const services = await createServices({
    dataDir,
    settingsBackend: confSettingsBackend,
    logger: silentLogger(),
    clock: options.clock,
    keyringOptions: options.keyringOptions,
    dialogs: options.dialogs,
  });
  // `/media/…` (DICOM pixels, documents) on the page's own origin, as the app scheme serves it.
  const { origin, server } = await serveOnLoopback(withMedia(services.media, createStaticHandler(RENDERER_DIR)));
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const bridge = await pageBridge();

  const pages = new Map<Page, string>();
  let nextConnection = 1;
  await context.exposeBinding('__workstationInvoke', async ({ page }, channel: unknown, payload: unknown) => {
    const connectionId = pages.get(page);
    if (!connectionId) return toWire({ ok: false, error: { code: 'FORBIDDEN', message: 'Unknown page.' } });
    return toWire(await services.router.invoke({ connectionId }, channel, payload));
  });
  await context.addInitScript({ content: bridge });

  const detach = services.events.attach((target, name, payload) => {
    for (const [page, connectionId] of pages) {
      if (target !== 'all' && target.connectionId !== connectionId) continue;
      page
        .evaluate(([event, data]) => (window as unknown as { __workstationDeliver?: (e: string, p: unknown) => void }).__workstationDeliver?.(event, data), [name, payload] as const)
        .catch(() => {});
    }
  });

  // Uncaught errors and console errors of any page fail the test file at close: a screen can pass its checks while
  // something behind it throws.
  const problems: string[] = [];
  const openPage = async () => {
    const page = await context.newPage();
    pages.set(page, `page:${nextConnection++}`);
    page.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()} (${message.location().url || 'page'})`);
    });
    page.on('close', () => {
      const connectionId = pages.get(page);
      if (connectionId) services.sessions.end(connectionId);
      pages.delete(page);
    });
    await page.goto(`${origin}/index.html`);
    return page;
  };
  const page = await openPage();

  return {
    services,
    page,
    dataDir,
    openPage,
    async screenshot(name) {
      await mkdir(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      detach();
      await browser.close();
      await new Promise((resolveClose) => server.close(resolveClose));
      await services.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(`The page reported errors:\n${problems.join('\n')}`);
    },
  };
}
