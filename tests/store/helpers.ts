import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-store-'));
    dirs.push(dir);
    return dir;
  };
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Files under `dir` that contain any of `texts` as UTF-8 or UTF-16LE/BE bytes. */
export function filesContaining(dir: string, texts: readonly string[]): string[] {
  const needles = texts.flatMap((text) => {
    const le = Buffer.from(text, 'utf16le');
    return [Buffer.from(text, 'utf8'), le, Buffer.from(le).swap16()];
  });
  return filesUnder(dir).filter((file) => {
    const content = readFileSync(file);
    return needles.some((needle) => content.includes(needle));
  });
}
