/**
 * Makes sure the end-to-end tests have a Chromium: CHROMIUM_PATH, Debian's
 * package, or Playwright's download. Installs one when it can (apt-get as root
 * on Debian, `playwright-core install chromium` elsewhere), else says how.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../tests/e2e/harness/chromium.ts';

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (existsSync('/usr/bin/apt-get')) {
    if (!isRoot) throw new Error('No Chromium found. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).');
    console.log('Installing Debian chromium for the end-to-end tests…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.log('Installing Playwright Chromium for the end-to-end tests…');
    run(process.execPath, ['node_modules/playwright-core/cli.js', 'install', 'chromium']);
  }
  const installed = findChromium();
  if (!installed) throw new Error('Chromium could not be installed. Install it yourself and set CHROMIUM_PATH.');
  return installed;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}
