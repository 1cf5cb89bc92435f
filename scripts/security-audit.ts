/**
 * Electron security audit with Doyensec Electronegativity.
 *
 *   node scripts/security-audit.ts                      # main/ preload/ renderer/
 *   node scripts/security-audit.ts --input out          # the built bundle instead
 *   node scripts/security-audit.ts --input main --input preload --json
 *
 * Exits 1 when a HIGH or MEDIUM finding remains (or a file could not be parsed,
 * since its checks would silently not run), 0 otherwise. Findings reviewed by a
 * person are silenced where they occur with Electronegativity's own comment,
 * `// eng-disable CHECK_ID` on the flagged line (or on line 1 for the whole file),
 * so every waiver sits next to the code it covers and goes through review.
 *
 * Why not the electronegativity CLI: it exits 0 whatever it finds, fetches
 * translations and Electron release lists from the internet (and crashes without
 * a network), scans one folder at a time (so app-wide checks such as "no CSP
 * anywhere" misfire per folder), and skips .cjs/.mjs. Here the library runs
 * in-process with its HTTP client replaced by an offline stub, over one staging
 * folder that mirrors all inputs, with the installed Electron version so its
 * version-dependent defaults apply.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
export type Confidence = 'CERTAIN' | 'FIRM' | 'TENTATIVE';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: Confidence;
  /** Path relative to the project root, or "N/A" for app-wide checks. */
  file: string;
  line: number;
  column: number;
  description: string;
  sample: string;
  manualReview: boolean;
  url: string;
}

export interface ParseError {
  file: string;
  message: string;
}

export interface AuditResult {
  electronVersion: string;
  inputs: string[];
  filesScanned: number;
  findings: Finding[];
  /** Findings at a failing severity (HIGH/MEDIUM by default). */
  blocking: Finding[];
  parseErrors: ParseError[];
  ok: boolean;
}

export interface AuditOptions {
  /** Project root (package.json, node_modules). Defaults to this script's parent folder. */
  root?: string;
  /** Folders to scan, relative to root or absolute. Defaults to main, preload, renderer (those that exist). */
  inputs?: readonly string[];
  /** Electron version whose defaults apply. Defaults to node_modules/electron's. */
  electronVersion?: string;
  /** Severities that fail the audit. */
  failOn?: readonly Severity[];
  /** Electronegativity check class names to skip (lower or mixed case). */
  excludeChecks?: readonly string[];
}

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_INPUTS = ['main', 'preload', 'renderer'] as const;
export const DEFAULT_FAIL_ON: readonly Severity[] = ['HIGH', 'MEDIUM'];

/**
 * Checks that can only work online. AvailableSecurityFixesGlobalCheck downloads
 * Electron's release list to compare versions; the Electron version is instead
 * kept current through package.json and `npm audit`.
 */
const OFFLINE_EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** File types Electronegativity parses; .cjs/.mjs are staged as .js so they are scanned too. */
const SCANNED = /\.(?:jsx?|tsx?|html?)$/i;
const RENAMED_TO_JS = /\.(?:cjs|mjs)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '__tests__']);

interface RawIssue {
  id: string;
  file: string;
  sample?: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
  shortenedURL?: string;
}

interface RunnerResult {
  issues: RawIssue[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}

type Runner = (options: Record<string, unknown>, forCli?: boolean) => Promise<RunnerResult>;

let cachedRunner: Runner | null = null;

/**
 * Loads Electronegativity's runner with `got` (its HTTP client, used for
 * translations and release lists) replaced by a stub that answers 404 at once,
 * so nothing leaves the machine and no retry timer outlives the scan.
 */
function loadRunner(root: string): Runner {
  if (cachedRunner) return cachedRunner;
  const requireFromRoot = createRequire(join(root, 'package.json'));
  const runnerPath = requireFromRoot.resolve('@doyensec/electronegativity');
  const requireFromRunner = createRequire(runnerPath);
  const offline = Object.assign(async () => ({ statusCode: 404, body: '{}', headers: {} }), {
    head: async () => ({ statusCode: 404, body: '', headers: {} }),
    get: async () => ({ statusCode: 404, body: '{}', headers: {} }),
  });
  const stub = Object.assign(offline, { default: offline, __esModule: true });
  for (const from of [runnerPath, requireFromRunner.resolve('./locales/i18n.js')]) {
    const gotPath = createRequire(from).resolve('got');
    const cache = requireFromRunner.cache as Record<string, unknown>;
    cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub, children: [], paths: [] };
  }
  cachedRunner = requireFromRunner(runnerPath) as Runner;
  return cachedRunner;
}

function installedElectronVersion(root: string): string {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const range = manifest.devDependencies?.electron;
  const version = range ? /\d+\.\d+\.\d+/.exec(range)?.[0] : undefined;
  if (!version) throw new Error('Cannot tell the Electron version: install node_modules or pass electronVersion.');
  return version;
}

/** Copies scannable files of `input` to `stage/<rel>`; returns staged→original (project-relative) paths. */
function stageInput(root: string, input: string, stage: string, origin: Map<string, string>): number {
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (!entry.isFile() || !(SCANNED.test(entry.name) || RENAMED_TO_JS.test(entry.name))) continue;
      const rel = relative(root, full);
      const stagedRel = rel.startsWith('..') ? join('_external', relative(resolve(input, '..'), full)) : rel;
      const target = join(stage, RENAMED_TO_JS.test(stagedRel) ? `${stagedRel}.js` : stagedRel);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(full, target);
      origin.set(relative(stage, target).split(sep).join('/'), (rel.startsWith('..') ? full : rel).split(sep).join('/'));
      count++;
    }
  };
  walk(input);
  return count;
}

export async function runAudit(options: AuditOptions = {}): Promise<AuditResult> {
  const root = resolve(options.root ?? PROJECT_ROOT);
  const requested = options.inputs ?? DEFAULT_INPUTS.filter((d) => existsSync(join(root, d)));
  const inputs = requested.map((d) => resolve(root, d));
  for (const input of inputs) if (!existsSync(input)) throw new Error(`Audit input does not exist: ${input}`);
  if (inputs.length === 0) throw new Error('Nothing to audit.');
  const electronVersion = options.electronVersion ?? installedElectronVersion(root);
  const failOn = new Set(options.failOn ?? DEFAULT_FAIL_ON);

  const stage = mkdtempSync(join(tmpdir(), 'cw-electronegativity-'));
  const origin = new Map<string, string>();
  try {
    let filesScanned = 0;
    for (const input of inputs) filesScanned += stageInput(root, input, stage, origin);

    const run = loadRunner(root);
    const result = await run({
      input: stage,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: [...OFFLINE_EXCLUDED_CHECKS, ...(options.excludeChecks ?? [])].map((c) => c.toLowerCase()),
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });

    const toProjectPath = (file: string) => {
      if (file === 'N/A') return file;
      const rel = relative(stage, resolve(stage, file)).split(sep).join('/');
      return origin.get(rel) ?? rel;
    };
    const findings: Finding[] = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name as Severity,
      confidence: issue.confidence.name as Confidence,
      file: toProjectPath(issue.file),
      line: issue.location.line,
      column: issue.location.column,
      description: issue.description,
      sample: (issue.sample ?? '').trim(),
      manualReview: issue.manualReview === true,
      url: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
    }));
    const order: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
    findings.sort((a, b) => order[a.severity] - order[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
    const parseErrors = result.errors
      .filter((e) => !e.tolerable)
      .map((e) => ({ file: toProjectPath(relative(stage, e.file)), message: e.message }));
    const blocking = findings.filter((f) => failOn.has(f.severity));
    return {
      electronVersion,
      inputs: inputs.map((i) => relative(root, i) || '.'),
      filesScanned,
      findings,
      blocking,
      parseErrors,
      ok: blocking.length === 0 && parseErrors.length === 0,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export function formatFinding(f: Finding): string {
  const where = f.file === 'N/A' ? '(app-wide)' : `${f.file}:${f.line}:${f.column}`;
  const review = f.manualReview ? ' [review]' : '';
  const sample = f.sample ? `\n      ${f.sample}` : '';
  return `  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}${review}\n      ${where} — ${f.description}${sample}\n      ${f.url}`;
}

export function formatReport(result: AuditResult): string {
  const lines = [
    `Electronegativity audit of ${result.inputs.join(', ')} (${result.filesScanned} files, Electron ${result.electronVersion} defaults)`,
  ];
  if (result.findings.length === 0) lines.push('  no findings');
  for (const f of result.findings) lines.push(formatFinding(f));
  for (const e of result.parseErrors) lines.push(`  PARSE ERROR ${e.file}: ${e.message}`);
  lines.push(
    result.ok
      ? `OK: no ${[...DEFAULT_FAIL_ON].join('/')} findings.`
      : `FAILED: ${result.blocking.length} blocking finding(s), ${result.parseErrors.length} unparsable file(s).` +
          ' Fix them, or after review add `// eng-disable <CHECK_ID>` on the flagged line.',
  );
  return lines.join('\n');
}

function parseArgs(argv: readonly string[]): { inputs: string[]; json: boolean } {
  const inputs: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--input' || arg === '-i') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a folder`);
      inputs.push(value);
    } else if (arg.startsWith('--input=')) inputs.push(arg.slice('--input='.length));
    else throw new Error(`Unknown argument ${arg}. Usage: node scripts/security-audit.ts [--input DIR]... [--json]`);
  }
  return { inputs, json };
}

function isMain(): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const result = await runAudit(args.inputs.length > 0 ? { inputs: args.inputs } : {});
    console.log(args.json ? JSON.stringify(result, null, 2) : formatReport(result));
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    console.error(`security-audit: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
