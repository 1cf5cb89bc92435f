import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deprecatedUses } from '../../scripts/deprecations.ts';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the deprecated-API check', () => {
  it('names each use of an API marked @deprecated, by file and line, and nothing else', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cw-deprecations-'));
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true }, files: ['api.ts', 'use.ts'] }));
    await writeFile(join(dir, 'api.ts'), ['/** @deprecated use `current` instead */', 'export function old(): number { return 1; }', 'export function current(): number { return 2; }', ''].join('\n'));
    await writeFile(join(dir, 'use.ts'), ["import { current, old } from './api.js';", 'export const a = current();', 'export const b = old();', ''].join('\n'));
    const uses = deprecatedUses(join(dir, 'tsconfig.json'));
    expect(uses.map((use) => ({ file: use.file.split(/[\\/]/).pop(), line: use.line, message: use.message }))).toEqual([
      { file: 'use.ts', line: 1, message: "'old' is deprecated." },
      { file: 'use.ts', line: 3, message: "The signature '(): number' of 'old' is deprecated." },
    ]);
  });
});
