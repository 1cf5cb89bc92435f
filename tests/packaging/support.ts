/** Shared helpers for the packaging tests (no Electron binary needed). */
import { FuseV1Options } from '@electron/fuses';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CONFIG_FILE = join(ROOT, 'electron-builder.yml');

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
/** app-builder-lib as electron-builder itself resolves it (it is electron-builder's dependency, not ours). */
const requireFromBuilder = createRequire(requireFromRoot.resolve('electron-builder/package.json'));
const requireFromBuilderLib = createRequire(requireFromBuilder.resolve('app-builder-lib/package.json'));

export type BuilderConfig = Record<string, unknown> & {
  files?: unknown;
  asarUnpack?: unknown;
  win?: Record<string, unknown>;
  linux?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  msi?: Record<string, unknown>;
  deb?: Record<string, unknown>;
  directories?: { output?: string; buildResources?: string };
};

interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
}

interface DebugLoggerCtor {
  new (isEnabled?: boolean): unknown;
}

/** electron-builder's own loader and validator (the code `electron-builder` runs before building). */
export function builderLib(): {
  getConfig: BuilderConfigModule['getConfig'];
  validate: (config: BuilderConfig) => Promise<void>;
  minimatch: (path: string, pattern: string) => boolean;
} {
  const configModule = requireFromBuilderLib('./out/util/config/config.js') as BuilderConfigModule;
  const requireFromBuilderUtil = createRequire(requireFromBuilderLib.resolve('builder-util/package.json'));
  const { DebugLogger } = requireFromBuilderUtil('./out/DebugLogger.js') as { DebugLogger: DebugLoggerCtor };
  const { Minimatch } = requireFromBuilderLib('minimatch') as {
    Minimatch: new (pattern: string, options: { dot: boolean }) => { match(path: string): boolean };
  };
  return {
    getConfig: configModule.getConfig,
    validate: (config) => configModule.validateConfiguration(config, new DebugLogger(false)),
    // Same matcher and options as electron-builder's FileMatcher.
    minimatch: (path, pattern) => new Minimatch(pattern, { dot: true }).match(path),
  };
}

/** Loads electron-builder.yml the way electron-builder does (defaults merged, `extends` resolved). */
export async function loadBuilderConfig(): Promise<BuilderConfig> {
  return builderLib().getConfig(ROOT, CONFIG_FILE, null);
}

export function builderVersion(): string {
  return (JSON.parse(readFileSync(requireFromRoot.resolve('electron-builder/package.json'), 'utf8')) as { version: string }).version;
}

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Writes a stand-in Electron binary: filler bytes around the fuse wire exactly
 * as Electron lays it out (sentinel, wire version 1, wire length, one ASCII
 * '0'/'1' per fuse). `wire` defaults to Electron 45's shipped state.
 */
export function writeFakeElectronBinary(file: string, wire = '101100011'): void {
  const filler = Buffer.alloc(2048, 0x2e);
  writeFileSync(
    file,
    Buffer.concat([filler, Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1'), filler]),
    { mode: 0o755 },
  );
}

/** The fuse wire of a (fake or real) Electron binary as a '0'/'1' string. */
export function readFuseWire(file: string): string {
  const data = readFileSync(file);
  const at = data.indexOf(Buffer.from(FUSE_SENTINEL, 'latin1'));
  if (at < 0) throw new Error(`no fuse sentinel in ${file}`);
  const start = at + FUSE_SENTINEL.length;
  const length = data[start + 1] as number;
  return data.subarray(start + 2, start + 2 + length).toString('latin1');
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  unpacked?: boolean;
  size?: number;
  offset?: string;
}

/** Lists the files in an app.asar (header only), with whether each is unpacked. */
export function listAsar(file: string): Map<string, { unpacked: boolean }> {
  const data = readFileSync(file);
  // Chromium pickle: [4: size of next pickle=4][4: header pickle size][4: payload size][4: json length][json]
  const jsonLength = data.readUInt32LE(12);
  const header = JSON.parse(data.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const out = new Map<string, { unpacked: boolean }>();
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else out.set(path, { unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return out;
}

/** Width/height of a PNG from its IHDR chunk. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (!data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Frame sizes (px) in an ICO file. */
export function icoSizes(data: Buffer): number[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = data.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const width = data[6 + i * 16] as number;
    sizes.push(width === 0 ? 256 : width);
  }
  return sizes;
}

/** Reads one packed (not unpacked) file out of an app.asar. */
export function readAsarFile(file: string, path: string): Buffer {
  const data = readFileSync(file);
  const headerPickleSize = data.readUInt32LE(4);
  const jsonLength = data.readUInt32LE(12);
  let entry = JSON.parse(data.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  for (const part of path.split('/')) {
    const next = entry.files?.[part];
    if (!next) throw new Error(`${path} is not in ${file}`);
    entry = next;
  }
  if (entry.unpacked || entry.offset === undefined || entry.size === undefined) throw new Error(`${path} is not packed in ${file}`);
  const start = 8 + headerPickleSize + Number(entry.offset);
  return data.subarray(start, start + entry.size);
}

/** The six fuses a shipped build must have, as characters of the fuse wire ('0' off, '1' on). */
export const PRODUCTION_FUSES = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
} as const;

/** Those six fuses read from a fuse wire, for comparison with PRODUCTION_FUSES. */
export function productionFuses(wire: string): Record<keyof typeof PRODUCTION_FUSES, string | undefined> {
  const at = (fuse: FuseV1Options) => wire[fuse];
  return {
    RunAsNode: at(FuseV1Options.RunAsNode),
    EnableCookieEncryption: at(FuseV1Options.EnableCookieEncryption),
    EnableNodeOptionsEnvironmentVariable: at(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
    EnableNodeCliInspectArguments: at(FuseV1Options.EnableNodeCliInspectArguments),
    EnableEmbeddedAsarIntegrityValidation: at(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
    OnlyLoadAppFromAsar: at(FuseV1Options.OnlyLoadAppFromAsar),
  };
}
