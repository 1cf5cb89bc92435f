import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** CHROMIUM_PATH, Debian's Chromium, or Playwright's own download, in that order. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', safeExecutablePath()];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!)) ?? null;
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags for a closed network: no background traffic, no sandbox when running as root in CI. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
