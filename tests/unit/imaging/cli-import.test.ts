import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dicomFile, series, truncated, writeFiles } from '../../fixtures/dicom/generate.ts';

/** Setting up a clinic (several scrypt sign-ins) is slow on a busy machine. */
const HOOK_TIMEOUT_MS = 60_000;

const CLI = resolve(import.meta.dirname, '../../../main/cli.ts');
const PASSWORD = 'it admin password 1';

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, CLINIC_WORKSTATION_PASSWORD: PASSWORD } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli import', () => {
  let dataDir: string;
  let inbox: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-cli-img-'));
    inbox = await mkdtemp(join(tmpdir(), 'cw-cli-in-'));
    expect(cli(['setup', '--clinic', 'CLI Clinic', '--admin', 'itadmin', '--data-dir', dataDir, '--json']).code).toBe(0);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(inbox, { recursive: true, force: true });
  }, HOOK_TIMEOUT_MS);

  it('prints the report as one JSON object, with each rejected file and its reason', async () => {
    await writeFiles(join(inbox, 'ct'), series({ count: 3 }));
    await writeFile(join(inbox, 'cut.dcm'), truncated(dicomFile({ rows: 64, columns: 64 })));
    await writeFile(join(inbox, 'readme.txt'), 'not an image');
    const { code, stdout } = cli(['import', inbox, '--user', 'itadmin', '--data-dir', dataDir, '--json']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const output = JSON.parse(lines[0]!);
    expect(output).toMatchObject({ ok: true, command: 'import', result: { files: 5, imported: 3, duplicates: 0, cancelled: false } });
    expect(output.result.studyIds).toHaveLength(1);
    expect(output.result.rejected).toEqual([
      { file: join(inbox, 'cut.dcm'), reason: 'truncated' },
      { file: join(inbox, 'readme.txt'), reason: 'not-dicom' },
    ]);
    const again = JSON.parse(cli(['import', join(inbox, 'ct'), '--user', 'itadmin', '--data-dir', dataDir, '--json']).stdout);
    expect(again.result).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it('needs a path', () => {
    const { code, stdout } = cli(['import', '--user', 'itadmin', '--data-dir', dataDir, '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});
