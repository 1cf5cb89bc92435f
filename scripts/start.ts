/**
 * `npm start`: fetches the Electron runtime on first run (npm does not run
 * Electron's download at install time), then builds and opens the app.
 * `npm run dev` opens it on electron-vite's dev server with hot reload.
 * Offline sites point ELECTRON_MIRROR at an internal mirror, or fill the
 * cache named by electron_config_cache beforehand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const modules = join(import.meta.dirname, '../node_modules');
const electronDir = join(modules, 'electron');

function electronInstalled(): boolean {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function run(args: string[]): number {
  return spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env }).status ?? 1;
}

if (!electronInstalled()) {
  console.log('Downloading the Electron runtime (once)…');
  if (run([join(electronDir, 'install.js')]) !== 0 || !electronInstalled()) {
    console.error(
      'Electron could not be downloaded. Behind a firewall, set ELECTRON_MIRROR to an internal mirror\n' +
        '(or copy the electron-v<version>-<platform>-<arch>.zip into the folder named by electron_config_cache) and run npm start again.',
    );
    process.exit(1);
  }
}

const mode = process.argv.includes('--dev') ? 'dev' : 'preview';
process.exit(run([join(modules, 'electron-vite/bin/electron-vite.js'), mode, '--', ...process.argv.slice(2).filter((a) => a !== '--dev')]));
