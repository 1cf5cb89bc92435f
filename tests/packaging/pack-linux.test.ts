/**
 * Runs the real electron-builder on electron-builder.yml (`--linux dir`) with a
 * stand-in Electron distribution, since no Electron binary can be downloaded
 * here. This exercises what a config check cannot: the files filter, ASAR
 * packing and unpacking, production-dependency collection, extraFiles and the
 * afterPack fuse hook on a binary with Electron's fuse-wire layout.
 *
 * The project is staged in a temp folder: its packaging inputs, a stub out/
 * (plus decoy sources that must NOT ship) and a node_modules holding exactly the
 * production dependency tree plus @electron/fuses for the hook.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectShippedPackages } from '../../scripts/licences.ts';
import { PRODUCTION_FUSES, ROOT, listAsar, productionFuses, readAsarFile, readFuseWire, writeFakeElectronBinary } from './support.ts';

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const electronVersion = (JSON.parse(readFileSync(requireFromRoot.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const builderCli = requireFromRoot.resolve('electron-builder/cli.js');

const work = mkdtempSync(join(tmpdir(), 'cw-pack-'));
const project = join(work, 'project');
const fakeElectron = join(work, 'electron-dist');
const appOut = join(project, 'dist', 'linux-unpacked');
let build: { status: number | null; output: string };
let asar: Map<string, { unpacked: boolean }>;

function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
}

function write(path: string, content: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function stageProject() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  // What electron-builder reads from package.json; devDependencies are left out so
  // `npm ls` in the stage sees a complete tree (they are never shipped anyway).
  const { name, productName, version, description, license, author, main, type, dependencies, optionalDependencies } = pkg;
  write(join(project, 'package.json'), JSON.stringify({ name, productName, version, description, license, author, main, type, dependencies, optionalDependencies }, null, 2));
  for (const entry of ['electron-builder.yml', 'build', 'resources', 'LICENSE']) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });

  // node_modules: the production closure (same walk as the licence gate) + the hook's @electron/fuses.
  const report = collectShippedPackages({ root: ROOT, sourceDirs: [], extraRoots: ['@electron/fuses'] });
  expect(report.unresolved).toEqual([]);
  for (const p of report.packages) {
    cpSync(join(ROOT, p.dir), join(project, p.dir), {
      recursive: true,
      // nested node_modules are staged as packages of their own
      filter: (src) => !src.slice(join(ROOT, p.dir).length).split(/[\\/]/).includes('node_modules'),
    });
  }

  // Build output stub, shaped like electron-vite's.
  write(join(project, 'out/main/index.js'), 'export {};\n');
  write(join(project, 'out/main/index.js.map'), '{}');
  write(join(project, 'out/main/cli.js'), 'export {};\n');
  write(join(project, 'out/main/store-worker.js'), 'export {};\n');
  write(join(project, 'out/preload/index.cjs'), '"use strict";\n');
  write(join(project, 'out/renderer/index.html'), '<!doctype html><title>x</title>\n');
  write(join(project, 'out/renderer/assets/index-abc.js'), 'export {};\n');
  write(join(project, 'out/renderer/assets/index-abc.js.map'), '{}');
  // Decoys: sources, tests, benchmarks and tooling that must stay out.
  for (const decoy of ['main/index.ts', 'preload/index.ts', 'renderer/App.tsx', 'tests/unit/x.test.ts', 'bench/store.bench.ts', 'scripts/test.ts', 'tsconfig.json', 'electron.vite.config.ts', 'vitest.config.ts', 'README.md', '.ci/run']) {
    write(join(project, decoy), '// decoy\n');
  }

  // Stand-in for an unpacked Electron 45 for Linux x64.
  mkdirSync(fakeElectron, { recursive: true });
  writeFakeElectronBinary(join(fakeElectron, 'electron'), '101100011');
  for (const f of ['chrome-sandbox', 'chrome_crashpad_handler', 'libffmpeg.so', 'icudtl.dat', 'resources.pak', 'v8_context_snapshot.bin', 'LICENSE', 'LICENSES.chromium.html', 'locales/en-US.pak']) {
    write(join(fakeElectron, f), 'stand-in\n');
  }
  write(join(fakeElectron, 'version'), electronVersion);
}

describe.skipIf(process.platform !== 'linux')('electron-builder --linux dir with electron-builder.yml', () => {
  beforeAll(() => {
    stageProject();
    const result = spawnSync(
      process.execPath,
      [builderCli, '--linux', 'dir', '--x64', '--config', 'electron-builder.yml', `-c.electronDist=${fakeElectron}`, `-c.electronVersion=${electronVersion}`],
      {
        cwd: project,
        encoding: 'utf8',
        // CI=true turns on electron-builder's implicit publishing: with `publish: null` it must still publish nothing.
        // VITEST would silence its log, which the assertions read.
        env: { ...childEnv(), CI: 'true', ELECTRON_BUILDER_CACHE: join(work, 'cache'), ELECTRON_CACHE: join(work, 'cache') },
        timeout: 170_000,
      },
    );
    build = { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    asar = existsSync(join(appOut, 'resources/app.asar')) ? listAsar(join(appOut, 'resources/app.asar')) : new Map();
  }, 180_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
    expect(build.output).toMatch(/skipped dependencies rebuild/);
    expect(build.output).not.toMatch(/cannot find path for dependency/);
    expect(build.output).toMatch(/after-pack: Electron fuses set on .*clinic-workstation/);
    // CI detection enables implicit publishing; with no provider nothing may be published or uploaded.
    const publishing = build.output.split('\n').filter((l) => /publish|upload/i.test(l) && !/Implicit publishing triggered by CI detection/.test(l));
    expect(publishing).toEqual([]);
  });

  it('puts the build output, window icon and package.json into app.asar', () => {
    for (const file of ['out/main/index.js', 'out/main/cli.js', 'out/main/store-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'resources/icon.png', 'package.json']) {
      expect(asar.has(file), file).toBe(true);
    }
  });

  it('packs a package.json whose entry point is the ESM main bundle, with desktopName for Linux', () => {
    const pkg = JSON.parse(readAsarFile(join(appOut, 'resources/app.asar'), 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type).toBe('module');
    expect(pkg.desktopName).toBe('clinic-workstation.desktop');
    expect(pkg.scripts).toBeUndefined();
  });

  it('leaves out sources, tests, benchmarks, tooling and source maps', () => {
    const leaked = [...asar.keys()].filter(
      (f) => /^(?:main|preload|renderer|tests|bench|scripts|build|\.ci)\//.test(f) || /\.map$/.test(f) || /^(?:tsconfig|electron\.vite|vitest|electron-builder)/.test(f) || f === 'README.md' || f === 'resources/icon.ico' || f.startsWith('resources/cli/'),
    );
    expect(leaked).toEqual([]);
  });

  it('ships the production dependency tree, including the addon loader', () => {
    for (const dep of ['@signalapp/sqlcipher', 'node-gyp-build', 'conf', 'electron-store', 'zod']) {
      expect(asar.has(`node_modules/${dep}/package.json`), dep).toBe(true);
    }
    // devDependencies never ship
    expect([...asar.keys()].some((f) => f.startsWith('node_modules/@electron/fuses/'))).toBe(false);
  });

  it('unpacks sqlcipher\'s addon for this platform only', () => {
    const addon = 'node_modules/@signalapp/sqlcipher/prebuilds/linux-x64/@signalapp+sqlcipher.node';
    expect(asar.get(addon)).toEqual({ unpacked: true });
    expect(statSync(join(appOut, 'resources/app.asar.unpacked', addon)).size).toBeGreaterThan(100_000);
    const prebuilds = readdirSync(join(appOut, 'resources/app.asar.unpacked/node_modules/@signalapp/sqlcipher/prebuilds'));
    expect(prebuilds).toEqual(['linux-x64']);
    expect([...asar.keys()].filter((f) => f.endsWith('.node') && !asar.get(f)?.unpacked)).toEqual([]);
    expect(asar.get('out/main/index.js')).toEqual({ unpacked: false });
  });

  it('flips the fuses on the packaged executable', () => {
    const wire = readFuseWire(join(appOut, 'clinic-workstation'));
    expect(productionFuses(wire)).toEqual(PRODUCTION_FUSES);
  });

  it('installs the CLI wrapper next to the executable', () => {
    const wrapper = join(appOut, 'clinic-workstation-cli');
    expect(statSync(wrapper).mode & 0o111).not.toBe(0);
    expect(readFileSync(wrapper, 'utf8')).toMatch(/--cli "\$@"/);
    expect(existsSync(join(appOut, 'clinic-workstation-cli.cmd'))).toBe(false); // Windows-only
  });

  it('writes no auto-update configuration', () => {
    expect(existsSync(join(appOut, 'resources/app-update.yml'))).toBe(false);
    expect(readdirSync(join(project, 'dist')).filter((f) => /^latest.*\.yml$/.test(f))).toEqual([]);
  });
});
