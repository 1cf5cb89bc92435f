import { resolve } from 'node:path';
import type { ChannelName, RequestOf, ResponseOf } from '../../preload/contract/index.ts';
import type { Services } from '../app/services.ts';
import { actorOf, type Actor } from '../audit/audit-log.ts';
import { AppError } from '../platform/errors.ts';
import { CliError } from './errors.ts';
import { readPassword } from './password.ts';
import { cliImport } from '../imaging/import/cli-command.ts';
import { describePullBlock } from '../sync/pull-blocks.node.ts';
import type { CliProcess } from './run.ts';

export interface CliContext {
  readonly services: Services;
  readonly operands: readonly string[];
  readonly options: CliOptions;
  readonly io: CliProcess;
}

export interface CliOptions {
  readonly user?: string;
  readonly clinic?: string;
  readonly admin?: string;
  readonly 'display-name'?: string;
  /** export-dataset: a sync target's id, instead of a folder. */
  readonly target?: string;
}

export interface CliCommand {
  readonly summary: string;
  run(context: CliContext): Promise<object>;
}

/** The command line is one more caller of the contract, with the same checks as a window. */
const CLI_CONNECTION = { connectionId: 'cli' };
const DEFAULT_ADMIN = 'admin';

export async function callContract<C extends ChannelName>(services: Services, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await services.router.invoke(CLI_CONNECTION, channel, request);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as ResponseOf<C>;
}

/** Signs in as an administrator (password from stdin or the environment) and returns who did it, for the audit trail. */
async function signInAdmin({ services, options, io }: CliContext): Promise<Actor> {
  const username = options.user ?? DEFAULT_ADMIN;
  await callContract(services, 'session.login', { username, password: await readPassword(io, `Password for ${username}: `) });
  const session = services.sessions.get(CLI_CONNECTION.connectionId);
  if (session?.role !== 'admin') throw new CliError('FORBIDDEN', 'This command needs an administrator account (--user NAME).');
  return actorOf(session);
}

function operand(context: CliContext, what: string): string {
  const [value] = context.operands;
  if (!value) throw new CliError('USAGE', `Name the ${what}.`);
  return resolve(value);
}

export const COMMANDS = {
  info: {
    summary: 'Version, runtime and whether the data folder holds a clinic.',
    run: async ({ services }) => ({ ...(await callContract(services, 'app.info', {})), dataDir: services.paths.root }),
  },
  health: {
    summary: 'Self-checks of the data folder and disk; exits 1 when a check fails.',
    run: async ({ services }) => {
      const health = await callContract(services, 'app.health', {});
      if (health.status === 'failed') throw new CliError('HEALTH_FAILED', `Health check failed: ${health.checks.filter((c) => c.status === 'failed').map((c) => `${c.name} ${c.detail}`).join('; ')}`);
      return health;
    },
  },
  setup: {
    summary: 'First run without a window: --clinic NAME --admin USER [--display-name NAME]; prints the recovery key.',
    run: async (context) => {
      const { clinic, admin } = context.options;
      if (!clinic || !admin) throw new CliError('USAGE', 'setup needs --clinic NAME and --admin USER.');
      const password = await readPassword(context.io, `New password for ${admin}: `);
      const request = { clinicName: clinic, username: admin, displayName: context.options['display-name'] ?? admin, password };
      const { recoveryKey } = await callContract(context.services, 'setup.initialize', request);
      return { clinicName: clinic, administrator: admin, recoveryKey, notice: 'Print the recovery key and keep it locked away; it is shown only now.' };
    },
  },
  backup: {
    summary: 'backup FILE: an encrypted backup of the record store (administrator).',
    run: async (context) => {
      const destination = operand(context, 'backup file');
      const manifest = await context.services.maintenance.backup(await signInAdmin(context), destination);
      return { file: destination, ...manifest };
    },
  },
  restore: {
    summary: 'restore FILE: replace the record store with a checked backup (administrator; close the app first).',
    run: async (context) => {
      const source = operand(context, 'backup file');
      return { file: source, ...(await context.services.maintenance.restore(await signInAdmin(context), source)) };
    },
  },
  'verify-audit': {
    summary: 'Check the hash chain of the audit trail; exits 1 and names the first bad row when it is broken.',
    run: async (context) => {
      await signInAdmin(context);
      const result = await callContract(context.services, 'audit.verify', {});
      if (!result.ok) throw new CliError('AUDIT_BROKEN', `The audit trail is broken at entry ${result.problem?.seq} (${result.problem?.kind}).`);
      return result;
    },
  },
  rekey: {
    summary: 'Re-encrypt the record store under a new random key (administrator).',
    run: async (context) => context.services.maintenance.rekey(await signInAdmin(context)),
  },
  import: {
    summary: 'import PATH…: DICOM files, folders or a DICOMDIR into the encrypted image store (--user NAME); lists each rejected file.',
    run: cliImport,
  },
  'sync-once': {
    summary:
      'One full sync round (push, then pull and apply) against every target (administrator); prints what moved per target, exits 1 if a target failed or another workstation’s changes stopped applying.',
    run: async (context) => {
      await signInAdmin(context);
      const reports = await context.services.sync.syncOnce();
      const failed = reports.filter((report) => report.error !== null);
      if (failed.length > 0) throw new CliError('SYNC_FAILED', failed.map((report) => `${report.targetId}: ${report.error!.message}`).join('; '));
      const blocked = reports.flatMap((report) => report.blocked.map((block) => `${report.targetId}: ${describePullBlock(block)}`));
      if (blocked.length > 0) throw new CliError('SYNC_BLOCKED', blocked.join('; '));
      return { targets: reports };
    },
  },
  'export-dataset': {
    summary:
      'export-dataset DIR [ndjson|csv] | export-dataset --target ID [ndjson|csv]: the de-identified dataset (FHIR Bulk Data NDJSON by default, or CSV) with a manifest into a new, empty folder, or under datasets/ in a sync target’s bucket (administrator).',
    run: async (context) => {
      const target = context.options.target;
      const format = context.operands[target ? 0 : 1] ?? 'ndjson';
      if (format !== 'ndjson' && format !== 'csv') throw new CliError('USAGE', 'The format is ndjson or csv.');
      const destination = target ? { targetId: target } : { folder: operand(context, 'dataset folder') };
      await signInAdmin(context);
      const session = context.services.sessions.get(CLI_CONNECTION.connectionId)!;
      return context.services.dataset.run(session, destination, format);
    },
  },
} satisfies Record<string, CliCommand>;
