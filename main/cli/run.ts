import { parseArgs } from 'node:util';
import { createServices, type Services } from '../app/services.ts';
import { dataDirOverride } from '../platform/data-dir.ts';
import { confSettingsBackend } from '../settings/conf-backend.ts';
import { COMMANDS, type CliContext } from './commands.ts';
import { CliError } from './errors.ts';
import { describeFailure, printResult } from './output.ts';

export interface CliProcess {
  readonly argv?: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = `Usage: clinic-workstation-cli <command> [operands] [--data-dir DIR] [--user NAME] [--json]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n')}

Passwords are read from standard input or CLINIC_WORKSTATION_PASSWORD, never from arguments.`;

/** Runs one command against a data folder; returns the process exit code. */
export async function runCli(args: readonly string[], io: CliProcess): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        user: { type: 'string' },
        clinic: { type: 'string' },
        admin: { type: 'string' },
        'display-name': { type: 'string' },
        target: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(io, false, new CliError('USAGE', `${(error as Error).message}\n\n${USAGE}`));
  }
  const { values, positionals } = parsed;
  const [name, ...operands] = positionals;
  if (values.help || !name) {
    io.stdout.write(USAGE + '\n');
    return name || values.help ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as keyof typeof COMMANDS] : null;
  if (!command) return fail(io, values.json, new CliError('USAGE', `Unknown command "${name}".\n\n${USAGE}`));

  const dataDir = values['data-dir'] ?? dataDirOverride([], io.env);
  if (!dataDir) return fail(io, values.json, new CliError('USAGE', 'Name the data folder with --data-dir DIR or CLINIC_WORKSTATION_DATA_DIR.'));

  let services: Services | null = null;
  try {
    services = await createServices({ dataDir, settingsBackend: confSettingsBackend });
    const context: CliContext = { services, operands, options: values, io };
    const result = await command.run(context);
    printResult(io, values.json, name, result);
    return 0;
  } catch (error) {
    return fail(io, values.json, error);
  } finally {
    await services?.close();
  }
}

function fail(io: CliProcess, json: boolean, error: unknown): number {
  const failure = describeFailure(error);
  if (json) io.stdout.write(JSON.stringify({ ok: false, error: failure }) + '\n');
  io.stderr.write(`error: ${failure.message}\n`);
  return failure.code === 'USAGE' ? 2 : 1;
}
