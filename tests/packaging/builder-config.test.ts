/**
 * electron-builder.yml: valid for electron-builder itself, and packaging the
 * app the way the security and deployment rules require. No Electron needed.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FUSES, afterPack, electronBinaryPath, fuseConfigFor } from '../../build/after-pack.mjs';
import { buildIcons } from '../../build/make-icons.mjs';
import { ROOT, builderLib, icoSizes, loadBuilderConfig, pngSize, productionFuses, PRODUCTION_FUSES, readFuseWire, writeFakeElectronBinary, type BuilderConfig } from './support.ts';

type Target = { target: string; arch?: string[] } | string;

function targetNames(platform: Record<string, unknown> | undefined): string[] {
  const target = platform?.target as Target | Target[] | undefined;
  const list = Array.isArray(target) ? target : target === undefined ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `files` as plain patterns (getConfig normalises them into `{ filter: [...] }` sets). */
function filePatterns(config: BuilderConfig): string[] {
  const sets = (Array.isArray(config.files) ? config.files : [config.files]) as Array<string | { from?: string; filter?: string[] }>;
  return sets.flatMap((s) => (typeof s === 'string' ? [s] : (s?.filter ?? [])));
}

let config: BuilderConfig;
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('electron-builder.yml against electron-builder\'s own schema', () => {
  it('passes validateConfiguration (app-builder-lib scheme.json, ajv as electron-builder runs it)', async () => {
    await expect(builderLib().validate(structuredClone(config))).resolves.toBeUndefined();
  });

  it('the validator is live: an unknown or mistyped option is rejected', async () => {
    const typo = structuredClone(config);
    (typo.nsis as Record<string, unknown>).perMachne = true;
    await expect(builderLib().validate(typo)).rejects.toThrow(/configuration\.nsis/);

    const wrongType = structuredClone(config);
    wrongType.asarUnpack = { pattern: '**/*.node' };
    await expect(builderLib().validate(wrongType)).rejects.toThrow(/asarUnpack/);
  });

  it('names the product and output as agreed', () => {
    expect(config.appId).toBe('org.clinicworkstation.app');
    expect(config.productName).toBe('Clinic Workstation');
    expect(config.productName).toBe(packageJson.productName);
    expect(config.directories?.output).toBe('dist');
    expect(config.directories?.buildResources).toBe('resources');
  });
});

describe('app contents', () => {
  it('packs only the build output, the window icon and package.json (plus production node_modules)', () => {
    const patterns = filePatterns(config);
    expect(patterns).toContain('out/**/*');
    expect(patterns).toContain('!out/**/*.map');
    expect(patterns).toContain('package.json');
    expect(packageJson.main.startsWith('out/')).toBe(true);
    // Nothing that pulls sources, tests or benchmarks back in.
    for (const p of patterns.filter((x) => !x.startsWith('!'))) {
      expect(p, `files pattern ${p}`).not.toMatch(/^(?:\*\*\/\*|main|preload|renderer|tests?|bench|scripts|src)(?:\/|$)/);
    }
  });

  it('uses an ASAR archive with integrity kept on', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asar).toBeTruthy();
    expect(config.disableAsarIntegrity).not.toBe(true);
    for (const platform of ['win', 'linux', 'mac'] as const) {
      expect((config[platform] as Record<string, unknown> | undefined)?.asar, `${platform}.asar`).not.toBe(false);
    }
  });

  it('unpacks sqlcipher\'s native addon from the ASAR, and nothing else by wildcard', () => {
    const { minimatch } = builderLib();
    const patterns = asList(config.asarUnpack);
    const unpacked = (path: string) => patterns.some((p) => minimatch(path, p));
    for (const platform of ['linux-x64', 'win32-x64', 'darwin-arm64']) {
      expect(unpacked(`node_modules/@signalapp/sqlcipher/prebuilds/${platform}/@signalapp+sqlcipher.node`), platform).toBe(true);
    }
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
  });

  it('never rebuilds native modules (N-API prebuilds load in Electron as they are)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).not.toBe(true);
    expect(config.buildDependenciesFromSource).not.toBe(true);
    expect(packageJson.dependencies ?? {}).toHaveProperty('@signalapp/sqlcipher');
  });
});

describe('no auto-update', () => {
  it('has no publish provider anywhere', () => {
    expect(config).toHaveProperty('publish', null);
    for (const section of ['win', 'linux', 'mac', 'nsis', 'msi', 'appImage', 'deb', 'dmg']) {
      const value = config[section] as Record<string, unknown> | undefined;
      expect(value?.publish ?? null, `${section}.publish`).toBeNull();
    }
    expect(config.electronUpdaterCompatibility ?? null).toBeNull();
  });

  it('ships no updater', () => {
    const all = { ...packageJson.dependencies, ...packageJson.devDependencies };
    expect(Object.keys(all)).not.toContain('electron-updater');
    expect(Object.keys(all)).not.toContain('update-electron-app');
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).not.toMatch(/^\s*provider\s*:/m);
  });
});

describe('installers', () => {
  it('Windows: per-machine NSIS with folder choice, and a per-machine MSI', () => {
    expect(targetNames(config.win)).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true });
    expect(config.nsis?.deleteAppDataOnUninstall).not.toBe(true);
    expect(config.msi).toMatchObject({ perMachine: true });
  });

  it('Linux: AppImage and deb, filed under Science/Medical, with a maintainer', () => {
    expect(targetNames(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(String(config.linux?.category).split(';')).toEqual(expect.arrayContaining(['Science', 'MedicalSoftware']));
    // Categories= comes from linux.category; a desktop.entry.Categories would be silently overwritten.
    expect((config.linux?.desktop as { entry?: Record<string, string> } | undefined)?.entry?.Categories).toBeUndefined();
    expect((config.extraMetadata as { desktopName?: string } | undefined)?.desktopName).toBe('clinic-workstation.desktop');
    expect(String(config.linux?.maintainer ?? (config.deb as Record<string, unknown> | undefined)?.maintainer)).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(asList(config.deb?.depends)).toEqual(expect.arrayContaining([expect.stringMatching(/^libsecret-1-0/), expect.stringMatching(/^libnss3/)]));
  });

  it('shows the project licence (AGPL-3.0) in the NSIS installer', () => {
    const licence = String(config.nsis?.license);
    const file = join(ROOT, licence);
    expect(existsSync(file), licence).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3, 19 November 2007/);
  });

  it('ships the CLI wrappers next to the executable, calling the app with --cli', () => {
    const winExtra = config.win?.extraFiles as Array<{ from: string; to: string }>;
    const linuxExtra = config.linux?.extraFiles as Array<{ from: string; to: string }>;
    const cmd = winExtra.find((f) => f.to === 'clinic-workstation-cli.cmd');
    const sh = linuxExtra.find((f) => f.to === 'clinic-workstation-cli');
    expect(cmd && sh).toBeTruthy();
    const cmdText = readFileSync(join(ROOT, cmd!.from), 'utf8');
    expect(cmdText).toContain(`%~dp0${config.productName as string}.exe`);
    expect(cmdText).toMatch(/--cli %\*/);
    expect(cmdText).toMatch(/exit \/b %CW_RC%/);
    expect(cmdText).toMatch(/\r\n/); // cmd.exe wants CRLF
    const shPath = join(ROOT, sh!.from);
    const shText = readFileSync(shPath, 'utf8');
    expect(shText.startsWith('#!/bin/sh\n')).toBe(true);
    expect(shText).toContain(`/${String(config.linux?.executableName)}"`);
    expect(shText).toMatch(/--cli "\$@"/);
    expect(statSync(shPath).mode & 0o111, 'wrapper must be executable').not.toBe(0);
  });
});

describe('icons', () => {
  it('has a large square PNG and a multi-size ICO with a 256 px frame', () => {
    const png = pngSize(readFileSync(join(ROOT, 'resources/icon.png')));
    expect(png.width).toBe(png.height);
    expect([512, 1024]).toContain(png.width);
    const sizes = icoSizes(readFileSync(join(ROOT, 'resources/icon.ico')));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(config.win?.icon).toBe('icon.ico');
  });

  it('the committed icons are exactly what build/make-icons.mjs draws', () => {
    const drawn = buildIcons();
    expect(readFileSync(join(ROOT, 'resources/icon.png')).equals(drawn['icon.png'])).toBe(true);
    expect(readFileSync(join(ROOT, 'resources/icon.ico')).equals(drawn['icon.ico'])).toBe(true);
  });
});

describe('Electron fuses (afterPack hook)', () => {
  it('is wired as the afterPack hook, and is the only fuse configuration', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(existsSync(join(ROOT, 'build/after-pack.mjs'))).toBe(true);
    // electron-builder's own electronFuses would flip a second, possibly different set.
    expect(config.electronFuses ?? null).toBeNull();
  });

  it('sets the six required fuses', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('maps them onto @electron/fuses wire positions', () => {
    const linux = fuseConfigFor('linux', 1) as unknown as Record<number, boolean | undefined> & { version: string };
    expect(linux.version).toBe(FuseVersion.V1);
    expect(linux[FuseV1Options.RunAsNode]).toBe(false);
    expect(linux[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(linux[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(linux[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(linux[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(linux[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('resets the ad-hoc signature only for Apple Silicon builds', () => {
    expect(fuseConfigFor('darwin', 3).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor('darwin', 1).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor('win32', 3).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor('linux', 3).resetAdHocDarwinSignature).toBe(false);
  });

  it('finds the executable electron-builder produced on each platform', () => {
    const packager = { executableName: 'clinic-workstation', appInfo: { productFilename: 'Clinic Workstation' } };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', arch: 1, packager })).toBe(join('/o', 'clinic-workstation'));
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', arch: 1, packager })).toBe(join('/o', 'Clinic Workstation.exe'));
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager })).toBe(join('/o', 'Clinic Workstation.app'));
  });

  it('flips the fuse wire of a packaged binary (stand-in with Electron\'s wire layout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-fuses-'));
    try {
      // Electron 45 as shipped: RunAsNode, NODE_OPTIONS, --inspect on; integrity, asar-only off.
      writeFakeElectronBinary(join(dir, 'clinic-workstation'), '101100011');
      await afterPack({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { executableName: 'clinic-workstation', appInfo: { productFilename: 'Clinic Workstation' } },
      });
      const wire = readFuseWire(join(dir, 'clinic-workstation'));
      expect(productionFuses(wire)).toEqual(PRODUCTION_FUSES);
      // A fuse newer than @electron/fuses knows (WasmTrapHandlers) is left as Electron ships it.
      expect(wire.slice(8)).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-fuses-'));
    try {
      const packager = { executableName: 'app', appInfo: { productFilename: 'App' } };
      writeFileSync(join(dir, 'app'), Buffer.alloc(64));
      await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager })).rejects.toThrow(/sentinel/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
