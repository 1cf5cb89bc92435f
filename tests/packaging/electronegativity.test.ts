/**
 * Electronegativity gate (scripts/security-audit.ts): the app's own Electron
 * code has no HIGH/MEDIUM finding, and the gate does catch insecure code.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatReport, runAudit, type AuditResult } from '../../scripts/security-audit.ts';
import { ROOT } from './support.ts';

const fixtures = mkdtempSync(join(tmpdir(), 'cw-audit-fixtures-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

function fixture(name: string, files: Record<string, string>): string {
  const dir = join(fixtures, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const ids = (result: AuditResult) => result.findings.map((f) => f.id);

describe('the real main/, preload/ and renderer/', () => {
  // renderer/ is part of the scan because the CSP <meta> lives in renderer/index.html;
  // without it Electronegativity reports "no CSP" app-wide.
  it('has no HIGH or MEDIUM Electronegativity finding and no unparsable file', { timeout: 60_000 }, async () => {
    const result = await runAudit({ root: ROOT });
    expect(result.inputs).toEqual(expect.arrayContaining(['main', 'preload']));
    expect(result.filesScanned).toBeGreaterThan(5);
    expect(result.electronVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.blocking, formatReport(result)).toEqual([]);
    expect(result.parseErrors, formatReport(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('the gate itself', () => {
  it('flags a window with Node integration and no isolation (HIGH)', { timeout: 60_000 }, async () => {
    const dir = fixture('insecure', {
      'main.js': [
        "const { app, BrowserWindow } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({',
        '    webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false },',
        '  });',
        "  win.loadURL('http://example.com/');",
        '});',
      ].join('\n'),
    });
    const result = await runAudit({ root: ROOT, inputs: [dir] });
    expect(result.ok).toBe(false);
    expect(ids(result)).toEqual(
      expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']),
    );
    const isolation = result.findings.find((f) => f.id === 'CONTEXT_ISOLATION_JS_CHECK');
    expect(isolation?.severity).toBe('HIGH');
    expect(isolation?.file).toMatch(/insecure\/main\.js$/);
    expect(isolation?.line).toBe(4);
    expect(result.blocking.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));
    // app-wide: nothing limits navigation, no permission handler, no CSP
    expect(ids(result)).toEqual(
      expect.arrayContaining(['LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']),
    );
    expect(result.blocking.length).toBeGreaterThanOrEqual(5);
  });

  it('parses TypeScript, and passes a hardened window whose reviewed preload is waived inline', { timeout: 60_000 }, async () => {
    const dir = fixture('hardened', {
      'main/window.ts': [
        "import { app, BrowserWindow, session, type WebContents } from 'electron';",
        '',
        'export function harden(contents: WebContents): void {',
        "  contents.on('will-navigate', (event) => event.preventDefault());",
        "  contents.setWindowOpenHandler(() => ({ action: 'deny' as const }));",
        '}',
        '',
        'export function open(preload: string): BrowserWindow {',
        '  session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));',
        '  const window = new BrowserWindow({',
        '    webPreferences: {',
        '      preload, // eng-disable PRELOAD_JS_CHECK',
        '      contextIsolation: true,',
        '      sandbox: true,',
        '      nodeIntegration: false,',
        '      webSecurity: true,',
        "      disableBlinkFeatures: 'Auxclick',",
        '    },',
        '  } satisfies Electron.BrowserWindowConstructorOptions);',
        '  harden(window.webContents);',
        "  void window.loadURL('app://workstation/index.html');",
        '  return window;',
        '}',
        'void app;',
      ].join('\n'),
      'renderer/index.html':
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; object-src \'none\'; base-uri \'none\'"></head><body></body></html>\n',
    });
    const result = await runAudit({ root: ROOT, inputs: [join(dir, 'main'), join(dir, 'renderer')] });
    expect(result.parseErrors).toEqual([]);
    expect(result.blocking, formatReport(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('the same window without the inline waiver is blocked by PRELOAD_JS_CHECK', { timeout: 60_000 }, async () => {
    const dir = fixture('unwaived', {
      'main.ts': [
        "import { BrowserWindow, session } from 'electron';",
        'session.defaultSession.setPermissionRequestHandler((_c, _p, cb) => cb(false));',
        "const w = new BrowserWindow({ webPreferences: { preload: '/p.cjs', contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' } });",
        "w.webContents.on('will-navigate', (e) => e.preventDefault());",
        "w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));",
      ].join('\n'),
      'index.html': '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'"></head></html>\n',
    });
    const result = await runAudit({ root: ROOT, inputs: [dir] });
    expect(result.blocking.map((f) => f.id)).toEqual(['PRELOAD_JS_CHECK']);
    expect(result.ok).toBe(false);
  });

  it('reports a file it cannot parse instead of silently skipping its checks', { timeout: 60_000 }, async () => {
    const dir = fixture('broken', { 'main.ts': 'const = new BrowserWindow({ webPreferences: { nodeIntegration: true ' });
    const result = await runAudit({ root: ROOT, inputs: [dir] });
    expect(result.parseErrors.map((e) => e.file)).toEqual([expect.stringMatching(/broken\/main\.ts$/)]);
    expect(result.ok).toBe(false);
  });

  it('refuses a missing input folder', async () => {
    await expect(runAudit({ root: ROOT, inputs: [join(fixtures, 'does-not-exist')] })).rejects.toThrow(/does not exist/);
  });
});
