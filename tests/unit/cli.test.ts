import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../main/cli.ts');

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('command line', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints one JSON object for info', () => {
    const { code, stdout } = cli(['info', '--data-dir', dataDir, '--json']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: true, command: 'info', result: { name: 'Clinic Workstation', initialized: false, dataDir } });
  });

  it('reads the data folder from the environment', () => {
    const { code, stdout } = cli(['health', '--json'], { CLINIC_WORKSTATION_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, result: { status: expect.stringMatching(/ok|degraded/) } });
  });

  it('fails clearly on an unknown command or option', () => {
    const unknown = cli(['frobnicate', '--data-dir', dataDir, '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badOption = cli(['info', '--password', 'secret']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Unknown option '--password'");
  });

  it('asks for a data folder when none is named', () => {
    const { code, stderr } = cli(['info']);
    expect(code).toBe(2);
    expect(stderr).toContain('--data-dir');
  });
});
