import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUT = resolve(import.meta.dirname, '../../out');

/** The built main bundle, run as the installed app runs it: chunks flat in out/main, the store worker beside them. */
describe('built main bundle', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-bundle-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(OUT, 'main/cli.js'), ...args, '--data-dir', dataDir, '--json'], { encoding: 'utf8', input: 'bundle admin password\n' });

  it('contains every entry the shell and the workers load', () => {
    for (const file of ['main/index.js', 'main/cli.js', 'main/store-worker.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(OUT, file)), file).toBe(true);
    }
  });

  it('opens the encrypted store through the bundled worker', () => {
    const setup = cli(['setup', '--clinic', 'Bundle', '--admin', 'admin']);
    expect(setup.status, setup.stderr).toBe(0);
    const verify = cli(['verify-audit']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, result: { ok: true, rows: 2 } });
  });

  it('bundles the preload whole, since a sandboxed preload cannot require packages', async () => {
    const { readFile } = await import('node:fs/promises');
    const preload = await readFile(join(OUT, 'preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});
