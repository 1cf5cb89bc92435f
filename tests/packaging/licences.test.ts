/**
 * Everything the app ships must be licensed compatibly with AGPL-3.0-only.
 * The checker is tested on its own (SPDX logic, import scanning, node_modules
 * walking on a fixture), then run on the real project.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  checkLicenceExpression,
  collectShippedPackages,
  formatProblems,
  licenceExpressionOf,
  packageNameOf,
  parseSpdx,
  runtimeImportSpecifiers,
} from '../../scripts/licences.ts';
import { ROOT } from './support.ts';

describe('SPDX compatibility with AGPL-3.0-only', () => {
  it.each([
    'MIT',
    'ISC',
    'BSD-2-Clause',
    'BSD-3-Clause',
    '0BSD',
    'Apache-2.0',
    'MPL-2.0',
    'LGPL-2.1-only',
    'LGPL-2.1-or-later',
    'LGPL-3.0-only',
    'LGPL-2.1+',
    'GPL-3.0-only',
    'GPL-3.0-or-later',
    'GPL-3.0',
    'GPL-3.0+',
    'GPL-2.0-or-later',
    'AGPL-3.0-only',
    'AGPL-3.0-or-later',
    'Zlib',
    'Unlicense',
    'CC0-1.0',
    'BlueOak-1.0.0',
    'Python-2.0',
    'CC-BY-4.0',
    '(MIT OR Apache-2.0)',
    'MIT OR GPL-2.0-only',
    'GPL-2.0-only OR MIT',
    '(MIT AND ISC)',
    'MIT AND (Apache-2.0 OR GPL-2.0-only)',
    'Apache-2.0 WITH LLVM-exception',
    'mit or apache-2.0',
    '(MIT OR CC0-1.0)',
  ])('accepts %s', (expression) => {
    expect(checkLicenceExpression(expression)).toEqual({ compatible: true });
  });

  it.each([
    ['GPL-2.0-only', /not compatible/],
    ['GPL-2.0', /not compatible/],
    ['SSPL-1.0', /not compatible/],
    ['BUSL-1.1', /not compatible/],
    ['CC-BY-NC-4.0', /not compatible/],
    ['Proprietary', /not compatible/],
    ['UNLICENSED', /UNLICENSED/],
    ['SEE LICENSE IN EULA.txt', /custom licence/],
    ['', /no licence/],
    ['MIT AND GPL-2.0-only', /not compatible/],
    ['(SSPL-1.0 OR BUSL-1.1)', /not compatible/],
    ['GPL-2.0-only WITH Classpath-exception-2.0', /not compatible/],
    ['MIT OR', /end of SPDX/],
    ['(MIT', /Missing "\)"/],
    ['MIT Apache-2.0', /Trailing/],
    ['MIT/X11', /Not an SPDX expression/],
  ])('rejects %s', (expression, reason) => {
    const verdict = checkLicenceExpression(expression);
    expect(verdict.compatible).toBe(false);
    if (!verdict.compatible) expect(verdict.reason).toMatch(reason);
  });

  it('rejects a missing licence', () => {
    expect(checkLicenceExpression(null)).toEqual({ compatible: false, reason: 'no licence declared' });
    expect(checkLicenceExpression(undefined).compatible).toBe(false);
  });

  it('parses with SPDX precedence (WITH > AND > OR)', () => {
    expect(parseSpdx('A OR B AND C')).toEqual({
      kind: 'or',
      left: { kind: 'licence', id: 'A', orLater: false },
      right: { kind: 'and', left: { kind: 'licence', id: 'B', orLater: false }, right: { kind: 'licence', id: 'C', orLater: false } },
    });
    expect(parseSpdx('GPL-2.0+ WITH X')).toEqual({ kind: 'licence', id: 'GPL-2.0', orLater: true, exception: 'X' });
  });

  it('reads modern and legacy package.json licence fields', () => {
    expect(licenceExpressionOf({ license: 'MIT' })).toBe('MIT');
    expect(licenceExpressionOf({ license: { type: 'ISC' } })).toBe('ISC');
    expect(licenceExpressionOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT) OR (Apache-2.0)');
    expect(licenceExpressionOf({ licenses: ['BSD-3-Clause'] })).toBe('BSD-3-Clause');
    expect(licenceExpressionOf({})).toBeNull();
    expect(checkLicenceExpression(licenceExpressionOf({ licenses: [{ type: 'GPL-2.0-only' }, { type: 'MIT' }] })).compatible).toBe(true);
  });
});

describe('import scanning', () => {
  it('keeps run-time imports and drops type-only ones', () => {
    const source = [
      "import React from 'react';",
      "import type { Foo } from 'types-only';",
      "import { type Bar } from 'kept-side-effect';",
      "export { x } from 'reexported';",
      "export type { Y } from 'type-reexport';",
      "import 'side-effect';",
      "const lazy = () => import('lazy-chunk');",
      "const cjs = require('old-style');",
      "type T = typeof import('type-query');",
    ].join('\n');
    expect(runtimeImportSpecifiers('x.tsx', source).sort()).toEqual(
      ['kept-side-effect', 'lazy-chunk', 'old-style', 'react', 'reexported', 'side-effect'].sort(),
    );
  });

  it.each([
    ['react-dom/client', 'react-dom'],
    ['@ant-design/icons/lib/icons/Foo', '@ant-design/icons'],
    ['antd', 'antd'],
    ['./local.ts', null],
    ['../up', null],
    ['/abs', null],
    ['node:fs', null],
    ['fs', null],
    ['fs/promises', null],
    ['virtual:pwa', null],
    ['some-lib/file.css?inline', 'some-lib'],
  ])('%s → %s', (specifier, name) => {
    expect(packageNameOf(specifier)).toBe(name);
  });
});

describe('walking what ships (fixture project)', () => {
  const root = mkdtempSync(join(tmpdir(), 'cw-licences-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, content: unknown) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  };
  write('package.json', { name: 'fixture', dependencies: { app: '1' }, devDependencies: { bundled: '1', typesonly: '1', devtool: '1' } });
  write('node_modules/app/package.json', { name: 'app', version: '1.0.0', license: 'MIT', dependencies: { inner: '1', shared: '1' } });
  // nested copy shadows the hoisted one for `app`
  write('node_modules/app/node_modules/inner/package.json', { name: 'inner', version: '2.0.0', license: 'GPL-2.0-only' });
  write('node_modules/inner/package.json', { name: 'inner', version: '1.0.0', license: 'MIT' });
  write('node_modules/shared/package.json', { name: 'shared', version: '1.0.0', licenses: [{ type: 'MIT' }] });
  write('node_modules/bundled/package.json', { name: 'bundled', version: '1.0.0', license: 'SSPL-1.0', dependencies: { gone: '1' } });
  write('node_modules/typesonly/package.json', { name: 'typesonly', version: '1.0.0', license: 'UNLICENSED' });
  write('node_modules/devtool/package.json', { name: 'devtool', version: '1.0.0', license: 'UNLICENSED' });
  write('renderer/App.tsx', "import x from 'bundled';\nimport type { T } from 'typesonly';\nexport default x;\n");
  write('preload/index.ts', "import { contextBridge } from 'electron';\nimport 'shared';\n");
  write('renderer/App.test.tsx', "import 'devtool';\n");

  const report = collectShippedPackages({ root });
  const ids = report.packages.map((p) => `${p.name}@${p.version}`);

  it('follows dependencies with Node resolution (nested before hoisted)', () => {
    expect(ids).toEqual(expect.arrayContaining(['app@1.0.0', 'inner@2.0.0', 'shared@1.0.0', 'bundled@1.0.0']));
    expect(ids).not.toContain('inner@1.0.0');
  });

  it('includes packages bundled from renderer/preload imports, not type-only or test imports', () => {
    expect(ids).toContain('bundled@1.0.0');
    expect(ids).not.toContain('typesonly@1.0.0');
    expect(ids).not.toContain('devtool@1.0.0');
  });

  it('flags each incompatible package with how it is reached, and missing ones', () => {
    expect(report.incompatible.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['bundled@1.0.0', 'inner@2.0.0']);
    const inner = report.incompatible.find((p) => p.name === 'inner');
    expect(inner?.dir).toBe('node_modules/app/node_modules/inner');
    expect(inner?.via).toEqual(['package.json dependencies', 'app@1.0.0', 'inner@2.0.0']);
    expect(report.unresolved).toEqual([{ name: 'gone', from: 'imported by renderer/App.tsx > bundled@1.0.0' }]);
    // `electron` (imported by preload) is the runtime binary, never required in node_modules.
    expect(report.unresolved.some((u) => u.name === 'electron')).toBe(false);
    expect(formatProblems(report)).toMatch(/bundled@1\.0\.0 \[SSPL-1\.0\]/);
  });
});

describe('the real app', () => {
  const report = collectShippedPackages({ root: ROOT });

  it('ships only AGPL-3.0-compatible packages, all installed', () => {
    expect(formatProblems(report), 'licence problems').toBe('');
    expect(report.incompatible).toEqual([]);
    expect(report.unresolved).toEqual([]);
  });

  it('really walked the production dependency tree', () => {
    const names = new Set(report.packages.map((p) => p.name));
    for (const name of ['@signalapp/sqlcipher', 'node-gyp-build', 'conf', 'electron-store', 'zod']) {
      expect(names.has(name), name).toBe(true);
    }
    // devDependencies only used for building/testing never count as shipped
    for (const name of ['vitest', 'electron-builder', 'typescript', '@doyensec/electronegativity']) {
      expect(names.has(name), name).toBe(false);
    }
  });
});
