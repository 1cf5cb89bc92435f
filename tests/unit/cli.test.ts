import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../main/cli.ts');

function cli(args: string[], env: NodeJS.ProcessEnv = {}, input = '') {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { PATH: process.env.PATH, ...env } });
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

describe('command line administration', () => {
  const PASSWORD = 'cli admin password';
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-cli-admin-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  const json = (args: string[], input = PASSWORD + '\n') => {
    const result = cli([...args, '--data-dir', dataDir, '--json'], {}, input);
    return { ...result, body: JSON.parse(result.stdout) as { ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } } };
  };

  it('sets up, backs up, verifies the audit trail, rotates the key and restores', async () => {
    const setup = json(['setup', '--clinic', 'CLI Clinic', '--admin', 'itadmin']);
    expect(setup.code).toBe(0);
    expect(String(setup.body.result?.recoveryKey)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(json(['info']).body.result?.initialized).toBe(true);

    const backupFile = join(dataDir, '..', `${dataDir.split('/').pop()}.cwbackup`);
    const backup = json(['backup', backupFile, '--user', 'itadmin']);
    expect(backup.code).toBe(0);
    expect(backup.body.result).toMatchObject({ format: 'clinic-workstation-backup', schemaVersion: expect.any(Number) });

    expect(json(['verify-audit', '--user', 'itadmin']).body.result).toMatchObject({ ok: true, problem: null });
    const rekey = json(['rekey', '--user', 'itadmin']);
    expect(rekey.body.result?.keyId).not.toBe(backup.body.result?.keyId);

    const corrupt = `${backupFile}.corrupt`;
    const bytes = await readFile(backupFile);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(corrupt, bytes);
    const refused = json(['restore', corrupt, '--user', 'itadmin']);
    expect(refused.code).toBe(1);
    expect(refused.body.error?.message).toMatch(/backup/i);

    const restored = json(['restore', backupFile, '--user', 'itadmin']);
    expect(restored.code).toBe(0);
    const audit = json(['verify-audit', '--user', 'itadmin']);
    expect(audit.body.result).toMatchObject({ ok: true });
    await rm(backupFile, { force: true });
    await rm(corrupt, { force: true });
  });

  it('refuses a wrong password and never takes one as an argument', () => {
    const wrong = json(['verify-audit', '--user', 'itadmin'], 'not the password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.body.error?.code).toBe('UNAUTHENTICATED');
    expect(cli(['verify-audit', '--data-dir', dataDir, '--password', PASSWORD]).code).toBe(2);
  });
});
