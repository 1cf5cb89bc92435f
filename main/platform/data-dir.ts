import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every file the workstation keeps, relative to one data folder. Names carry no patient data. */
export interface DataPaths {
  readonly root: string;
  readonly settings: string;
  readonly keyring: string;
  readonly database: string;
  readonly files: string;
  readonly logs: string;
}

export function dataPaths(root: string): DataPaths {
  const abs = resolve(root);
  return {
    root: abs,
    settings: join(abs, 'settings.json'),
    keyring: join(abs, 'keyring.json'),
    database: join(abs, 'records.db'),
    files: join(abs, 'files'),
    logs: join(abs, 'logs'),
  };
}

export function ensureDataDir(root: string): DataPaths {
  const paths = dataPaths(root);
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  return paths;
}

export const DATA_DIR_ENV = 'CLINIC_WORKSTATION_DATA_DIR';
export const DATA_DIR_FLAG = '--data-dir';

/** The data folder named by `--data-dir <dir>`/`--data-dir=<dir>` or the environment, if any. */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === DATA_DIR_FLAG && argv[i + 1]) return argv[i + 1]!;
    if (arg.startsWith(`${DATA_DIR_FLAG}=`)) return arg.slice(DATA_DIR_FLAG.length + 1);
  }
  return env[DATA_DIR_ENV] || null;
}
