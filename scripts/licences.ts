/**
 * Licence gate for what Clinic Workstation ships (AGPL-3.0-only).
 *
 * "Shipped" = the transitive closure of
 *   - package.json `dependencies` / `optionalDependencies` (copied into the app by
 *     electron-builder), and
 *   - every package imported (not type-only) by main/, preload/ and renderer/ sources
 *     (bundled into out/ by electron-vite, whether a dependency or a devDependency),
 * following each package's own `dependencies`, `optionalDependencies` and installed
 * `peerDependencies`, resolved like Node does through node_modules.
 *
 *   node scripts/licences.ts            # table of shipped packages; exit 1 on a problem
 *   node scripts/licences.ts --json     # machine-readable report
 */
import { readFileSync, readdirSync, realpathSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// ---------------------------------------------------------------------------
// SPDX expressions
// ---------------------------------------------------------------------------

/**
 * Licences whose code may be combined into an AGPL-3.0-only program and
 * distributed under it. Deprecated SPDX spellings (GPL-3.0, GPL-3.0+, LGPL-2.1, …)
 * are normalised before lookup (see `normaliseLicenceId`).
 */
export const COMPATIBLE_LICENCES: ReadonlySet<string> = new Set([
  'MIT',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'ISC',
  'Apache-2.0',
  'MPL-2.0',
  'LGPL-2.0-only',
  'LGPL-2.0-or-later',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  // "GPL v2 or any later version" may be taken as GPL-3.0, which AGPL-3.0 §13 permits
  // combining with. GPL-2.0-only is NOT compatible.
  'GPL-2.0-or-later',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'Zlib',
  'Unlicense',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Python-2.0',
  'CC-BY-4.0',
]);

export type SpdxNode =
  | { kind: 'licence'; id: string; orLater: boolean; exception?: string }
  | { kind: 'and' | 'or'; left: SpdxNode; right: SpdxNode };

const TOKEN = /\s*(\(|\)|[A-Za-z0-9][A-Za-z0-9.\-:]*\+?)\s*/y;

function tokenise(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  const text = expression.trim();
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match || match.index !== start) {
      throw new SyntaxError(`Not an SPDX expression: ${JSON.stringify(expression)}`);
    }
    tokens.push(match[1] as string);
  }
  return tokens;
}

/**
 * Parses an SPDX licence expression (precedence WITH > AND > OR, parentheses).
 * Operators are accepted in any case, as npm metadata often has "mit or apache-2.0".
 * Throws SyntaxError on anything that is not a licence expression.
 */
export function parseSpdx(expression: string): SpdxNode {
  const tokens = tokenise(expression);
  let pos = 0;
  const peekOp = () => tokens[pos]?.toUpperCase();

  const parseOr = (): SpdxNode => {
    let left = parseAnd();
    while (peekOp() === 'OR') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): SpdxNode => {
    let left = parseAtom();
    while (peekOp() === 'AND') {
      pos++;
      left = { kind: 'and', left, right: parseAtom() };
    }
    return left;
  };
  const parseAtom = (): SpdxNode => {
    const token = tokens[pos++];
    if (token === undefined) throw new SyntaxError(`Unexpected end of SPDX expression ${JSON.stringify(expression)}`);
    if (token === '(') {
      const inner = parseOr();
      if (tokens[pos++] !== ')') throw new SyntaxError(`Missing ")" in SPDX expression ${JSON.stringify(expression)}`);
      return inner;
    }
    const upper = token.toUpperCase();
    if (token === ')' || upper === 'AND' || upper === 'OR' || upper === 'WITH') {
      throw new SyntaxError(`Unexpected "${token}" in SPDX expression ${JSON.stringify(expression)}`);
    }
    const orLater = token.endsWith('+');
    const node: SpdxNode = { kind: 'licence', id: orLater ? token.slice(0, -1) : token, orLater };
    if (peekOp() === 'WITH') {
      pos++;
      const exception = tokens[pos++];
      if (exception === undefined || exception === '(' || exception === ')') {
        throw new SyntaxError(`Missing exception after WITH in ${JSON.stringify(expression)}`);
      }
      node.exception = exception;
    }
    return node;
  };

  const tree = parseOr();
  if (pos !== tokens.length) throw new SyntaxError(`Trailing "${tokens[pos]}" in SPDX expression ${JSON.stringify(expression)}`);
  return tree;
}

/** Maps deprecated SPDX ids ("GPL-3.0", "LGPL-2.1+") to their current -only / -or-later form. */
export function normaliseLicenceId(id: string, orLater = false): string {
  const gnu = /^(A?GPL|LGPL)-(\d\.\d)(-only|-or-later)?$/i.exec(id);
  if (gnu) {
    const family = (gnu[1] as string).toUpperCase();
    const suffix = gnu[3]?.toLowerCase() ?? (orLater ? '-or-later' : '-only');
    return `${family}-${gnu[2]}${orLater ? '-or-later' : suffix}`;
  }
  const known = [...COMPATIBLE_LICENCES].find((l) => l.toLowerCase() === id.toLowerCase());
  return known ?? id;
}

function nodeCompatible(node: SpdxNode): boolean {
  switch (node.kind) {
    case 'or':
      return nodeCompatible(node.left) || nodeCompatible(node.right);
    case 'and':
      return nodeCompatible(node.left) && nodeCompatible(node.right);
    case 'licence': {
      // An exception only ever grants extra permissions, so it cannot make a
      // compatible licence incompatible; it is not trusted to do the reverse.
      const id = normaliseLicenceId(node.id, node.orLater);
      if (COMPATIBLE_LICENCES.has(id)) return true;
      // "X+" means "X or later": "-only" ids are never spelled with "+", but e.g. "MPL-2.0+" is fine.
      return node.orLater && COMPATIBLE_LICENCES.has(normaliseLicenceId(node.id));
    }
  }
}

export type Verdict = { compatible: true } | { compatible: false; reason: string };

/** Whether a licence expression (as found in package.json) is compatible with AGPL-3.0-only. */
export function checkLicenceExpression(expression: string | null | undefined): Verdict {
  if (expression === null || expression === undefined || expression.trim() === '') {
    return { compatible: false, reason: 'no licence declared' };
  }
  const text = expression.trim();
  if (/^UNLICENSED$/i.test(text)) return { compatible: false, reason: 'UNLICENSED (proprietary, no licence granted)' };
  if (/^SEE LICEN[CS]E IN /i.test(text)) return { compatible: false, reason: `custom licence (${text}); review the file` };
  let tree: SpdxNode;
  try {
    tree = parseSpdx(text);
  } catch (error) {
    return { compatible: false, reason: (error as Error).message };
  }
  return nodeCompatible(tree) ? { compatible: true } : { compatible: false, reason: `"${text}" is not compatible with AGPL-3.0-only` };
}

type LicenceField = string | { type?: unknown } | ReadonlyArray<string | { type?: unknown }>;

/**
 * The licence expression of a package.json: `license` (string or legacy
 * `{type}` object), else legacy `licenses` (array → alternatives, joined with OR).
 */
export function licenceExpressionOf(pkg: { license?: unknown; licenses?: unknown }): string | null {
  const asText = (value: unknown): string | null => {
    if (typeof value === 'string') return value.trim() || null;
    if (value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
      return ((value as { type: string }).type).trim() || null;
    }
    return null;
  };
  const field = (pkg.license ?? pkg.licenses) as LicenceField | undefined;
  if (field === undefined || field === null) return null;
  if (Array.isArray(field)) {
    const parts = field.map(asText).filter((p): p is string => p !== null);
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] as string) : parts.map((p) => `(${p})`).join(' OR ');
  }
  return asText(field);
}

// ---------------------------------------------------------------------------
// Imports in the app's own sources
// ---------------------------------------------------------------------------

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '__tests__' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** Module specifiers a file imports at run time (type-only imports and `import('x')` types excluded). */
export function runtimeImportSpecifiers(fileName: string, sourceText: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        found.push(node.moduleReference.expression.text);
      }
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isDynamicImport || isRequire) && arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** "react-dom/client" → "react-dom", "@scope/pkg/sub?raw" → "@scope/pkg"; null for relative, absolute, builtin or virtual ids. */
export function packageNameOf(specifier: string): string | null {
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare === '' || bare.startsWith('.') || bare.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(bare)) return null;
  if (BUILTINS.has(bare) || BUILTINS.has(bare.split('/')[0] as string)) return null;
  const parts = bare.split('/');
  if (bare.startsWith('@')) return parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null;
  return parts[0] ?? null;
}

/** Bare package names imported at run time by the sources under `dirs`, with the files importing them. */
export function importedPackages(dirs: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of listSources(dir)) {
      for (const specifier of runtimeImportSpecifiers(file, readFileSync(file, 'utf8'))) {
        const name = packageNameOf(specifier);
        if (name === null) continue;
        const files = result.get(name) ?? [];
        if (!files.includes(file)) files.push(file);
        result.set(name, files);
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Walking node_modules
// ---------------------------------------------------------------------------

interface PackageJson {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface ShippedPackage {
  name: string;
  version: string;
  /** Directory relative to the project root, e.g. "node_modules/conf/node_modules/ajv". */
  dir: string;
  licence: string | null;
  verdict: Verdict;
  /** How it is reached: first path from package.json or a source import. */
  via: string[];
}

export interface Unresolved {
  name: string;
  from: string;
}

export interface LicenceReport {
  packages: ShippedPackage[];
  incompatible: ShippedPackage[];
  unresolved: Unresolved[];
}

/**
 * Packages whose shipped licence was reviewed by hand and accepted, keyed by
 * "name@version", with the reason. Keep this empty unless counsel signed off.
 */
export const REVIEWED_EXCEPTIONS: Readonly<Record<string, string>> = {};

/** Packages provided by the runtime, not copied from node_modules: recorded, not walked. */
const RUNTIME_PACKAGES = new Set(['electron']);

function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** Node's lookup of `name` from `fromDir`, never above `root`. */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface CollectOptions {
  /** Project root holding package.json and node_modules. */
  root: string;
  /** Source folders whose imports are bundled into the app. */
  sourceDirs?: readonly string[];
  /** Extra start points (tests use this). */
  extraRoots?: readonly string[];
}

export function collectShippedPackages(options: CollectOptions): LicenceReport {
  const root = realpathSync(resolve(options.root));
  const rootPkg = readJson(join(root, 'package.json'));
  const sourceDirs = (options.sourceDirs ?? ['main', 'preload', 'renderer']).map((d) => resolve(root, d));

  const starts: Array<{ name: string; via: string; optional: boolean }> = [];
  for (const name of Object.keys(rootPkg.dependencies ?? {})) starts.push({ name, via: 'package.json dependencies', optional: false });
  for (const name of Object.keys(rootPkg.optionalDependencies ?? {})) starts.push({ name, via: 'package.json optionalDependencies', optional: true });
  for (const [name, files] of importedPackages(sourceDirs)) {
    starts.push({ name, via: `imported by ${relative(root, files[0] as string)}`, optional: false });
  }
  for (const name of options.extraRoots ?? []) starts.push({ name, via: 'extra root', optional: false });

  const seen = new Map<string, ShippedPackage>();
  const unresolved: Unresolved[] = [];
  const queue: Array<{ dir: string; via: string[] }> = [];

  const enqueue = (name: string, fromDir: string, via: string[], optional: boolean) => {
    const found = resolvePackageDir(name, fromDir, root);
    if (found === null) {
      // The Electron runtime is the app binary itself, not a node_modules copy.
      if (!optional && !RUNTIME_PACKAGES.has(name)) unresolved.push({ name, from: via.join(' > ') });
      return;
    }
    const real = realpathSync(found);
    if (seen.has(real)) return;
    const pkg = readJson(join(real, 'package.json'));
    const licence = licenceExpressionOf(pkg);
    const id = `${pkg.name ?? name}@${pkg.version ?? '?'}`;
    const reviewed = REVIEWED_EXCEPTIONS[id];
    const verdict: Verdict = reviewed !== undefined ? { compatible: true } : checkLicenceExpression(licence);
    const entry: ShippedPackage = {
      name: pkg.name ?? name,
      version: pkg.version ?? '?',
      dir: relative(root, found).split(sep).join('/'),
      licence,
      verdict,
      via: [...via, id],
    };
    seen.set(real, entry);
    if (!RUNTIME_PACKAGES.has(entry.name)) queue.push({ dir: found, via: entry.via });
  };

  for (const start of starts) enqueue(start.name, root, [start.via], start.optional);

  while (queue.length > 0) {
    const { dir, via } = queue.shift() as { dir: string; via: string[] };
    const pkg = readJson(join(dir, 'package.json'));
    for (const name of Object.keys(pkg.dependencies ?? {})) enqueue(name, dir, via, false);
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) enqueue(name, dir, via, true);
    // Required peers are used at run time (npm ≥ 7 installs them). Peers marked
    // optional in peerDependenciesMeta (e.g. typescript for type helpers) are not.
    for (const name of Object.keys(pkg.peerDependencies ?? {})) {
      if (pkg.peerDependenciesMeta?.[name]?.optional === true) continue;
      enqueue(name, dir, via, true);
    }
  }

  const packages = [...seen.values()].sort((a, b) => a.dir.localeCompare(b.dir));
  return { packages, incompatible: packages.filter((p) => !p.verdict.compatible), unresolved };
}

export function formatProblems(report: LicenceReport): string {
  const lines: string[] = [];
  for (const p of report.incompatible) {
    const reason = p.verdict.compatible ? '' : p.verdict.reason;
    lines.push(`  ${p.name}@${p.version} [${p.licence ?? 'none'}] ${reason}\n    at ${p.dir}\n    via ${p.via.join(' > ')}`);
  }
  for (const u of report.unresolved) lines.push(`  ${u.name}: not installed (required by ${u.from}); its licence cannot be checked`);
  return lines.join('\n');
}

function isMain(): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = collectShippedPackages({ root });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const width = Math.max(...report.packages.map((p) => `${p.name}@${p.version}`.length), 10);
    for (const p of report.packages) {
      console.log(`${p.verdict.compatible ? 'ok ' : 'BAD'} ${`${p.name}@${p.version}`.padEnd(width)}  ${p.licence ?? '(none)'}`);
    }
    console.log(`\n${report.packages.length} shipped packages, ${report.incompatible.length} incompatible, ${report.unresolved.length} unresolved`);
    if (report.incompatible.length + report.unresolved.length > 0) console.error(`\nLicence problems:\n${formatProblems(report)}`);
  }
  process.exitCode = report.incompatible.length + report.unresolved.length > 0 ? 1 : 0;
}

